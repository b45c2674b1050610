# MUTANT: copy-paste slip: emb_dim read from settings['n_ctx'] instead of settings['n_embd']
from llmscratch import GPTModel, load_weights_into_gpt


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = {
        "vocab_size": settings["n_vocab"],
        "context_length": settings["n_ctx"],
        "emb_dim": settings["n_ctx"],
        "n_heads": settings["n_head"],
        "n_layers": settings["n_layer"],
        "drop_rate": drop_rate,
        "qkv_bias": True,
    }
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    return model.eval()

EXPECTED_CAUSE = "emb_dim got settings['n_ctx']"
