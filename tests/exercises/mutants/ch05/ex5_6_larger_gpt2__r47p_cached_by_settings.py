# MUTANT: one model kept per settings and loaded again on each call: a second call with the same
# settings and other weights changes the model the first call returned
from llmscratch import GPTModel, load_weights_into_gpt

_MODELS = {}


def build_gpt2(settings, params, drop_rate=0.0):
    key = (tuple(sorted(settings.items())), drop_rate)
    if key not in _MODELS:
        _MODELS[key] = GPTModel({
            "vocab_size": settings["n_vocab"],
            "context_length": settings["n_ctx"],
            "emb_dim": settings["n_embd"],
            "n_heads": settings["n_head"],
            "n_layers": settings["n_layer"],
            "drop_rate": drop_rate,
            "qkv_bias": True,
        })
    model = _MODELS[key]
    load_weights_into_gpt(model, params)
    return model.eval()


EXPECTED_CAUSE = "the second call changed the model the first call returned"
