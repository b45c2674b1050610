# MUTANT: the final LayerNorm's eps changed to 0.1 after building (every weight loaded right)
from llmscratch import GPTModel, load_weights_into_gpt

EXPECTED_CAUSE = "final_norm.eps = 0.1"


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
    model = GPTModel(cfg)
    model.final_norm.eps = 1e-1
    load_weights_into_gpt(model, params)
    return model.eval()
