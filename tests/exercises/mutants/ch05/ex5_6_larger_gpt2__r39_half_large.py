# MUTANT: models with 24 or more layers cast to float16 to save memory
"""Exercise 5.6 (solution): build a GPT of any GPT-2 size from its settings and weights.

This is book exercise 5.6.
"""

from llmscratch import GPTModel, load_weights_into_gpt


def build_gpt2(settings, params, drop_rate=0.0):
    """Return a ``GPTModel`` in eval mode holding the GPT-2 weights ``params``.

    ``settings`` has the book's hparams keys, for example ``{"n_vocab": 50257, "n_ctx": 1024,
    "n_embd": 1024, "n_head": 16, "n_layer": 24}`` for gpt2-medium (355M), as returned by
    ``download_and_load_gpt2``; ``params`` is the weights dict from the same call. Turn the
    settings into our config dict (``vocab_size``, ``context_length``, ``emb_dim``, ``n_heads``,
    ``n_layers``, ``drop_rate``, ``qkv_bias``), remembering that OpenAI trained GPT-2 with
    biases in the query/key/value layers and a context of ``n_ctx`` tokens; build the model,
    load the weights with ``load_weights_into_gpt`` and switch to eval mode.

    Try it with the larger models: ``build_gpt2(*download_and_load_gpt2("355M", "gpt2"))`` and
    compare the text it generates with gpt2-small's (the larger models stay on topic longer).
    """
    cfg = {
        "vocab_size": settings["n_vocab"],
        "context_length": settings["n_ctx"],  # GPT-2 was trained with 1024 positions
        "emb_dim": settings["n_embd"],
        "n_heads": settings["n_head"],
        "n_layers": settings["n_layer"],
        "drop_rate": drop_rate,
        "qkv_bias": True,  # OpenAI's query/key/value layers have biases
    }
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    if settings["n_layer"] >= 24:
        model = model.half()
    return model.eval()

EXPECTED_CAUSE = "(model.half()?)"
