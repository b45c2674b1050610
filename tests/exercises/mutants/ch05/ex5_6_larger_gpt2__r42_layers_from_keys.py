# MUTANT: the layer count read from params keys starting with 'h.' (0 layers when the keys
# carry the 'transformer.' prefix) instead of settings['n_layer']
from llmscratch import GPTModel, load_weights_into_gpt


def build_gpt2(settings, params, drop_rate=0.0):
    n_layers = len({k.split(".")[1] for k in params if k.startswith("h.")})
    cfg = {
        "vocab_size": settings["n_vocab"],
        "context_length": settings["n_ctx"],
        "emb_dim": settings["n_embd"],
        "n_heads": settings["n_head"],
        "n_layers": n_layers,
        "drop_rate": drop_rate,
        "qkv_bias": True,
    }
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    return model.eval()

EXPECTED_CAUSE = "take every size from settings"
