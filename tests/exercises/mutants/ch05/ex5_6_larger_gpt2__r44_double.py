# MUTANT: the model cast to float64 with model.double()
from llmscratch import GPTModel, load_weights_into_gpt

EXPECTED_CAUSE = "model.double()"


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = {
        "vocab_size": settings["n_vocab"],
        "context_length": settings["n_ctx"],
        "emb_dim": settings["n_embd"],
        "n_heads": settings["n_head"],
        "n_layers": settings["n_layer"],
        "drop_rate": drop_rate,
        "qkv_bias": True,
    }
    model = GPTModel(cfg).double()
    load_weights_into_gpt(model, params)
    return model.eval()
