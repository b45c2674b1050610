# Mutant: drop_rate or 0.1 (an explicit 0.0 read as not given).

from llmscratch import GPTModel, load_weights_into_gpt


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = {
        "vocab_size": settings["n_vocab"],
        "context_length": settings["n_ctx"],  # GPT-2 was trained with 1024 positions
        "emb_dim": settings["n_embd"],
        "n_heads": settings["n_head"],
        "n_layers": settings["n_layer"],
        "drop_rate": drop_rate or 0.1,
        "qkv_bias": True,  # OpenAI's query/key/value layers have biases
    }
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    return model.eval()

EXPECTED_CAUSE = "0.0 is read as 'not given'"  # named in the message
