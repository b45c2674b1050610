# Correct: a key map and a dict comprehension, eval() called before loading the weights, int casts
from llmscratch import GPTModel, load_weights_into_gpt

HPARAM_TO_CFG = {"n_vocab": "vocab_size", "n_ctx": "context_length", "n_embd": "emb_dim",
                 "n_head": "n_heads", "n_layer": "n_layers"}


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = {ours: int(settings[theirs]) for theirs, ours in HPARAM_TO_CFG.items()}
    cfg["drop_rate"] = float(drop_rate)
    cfg["qkv_bias"] = True
    model = GPTModel(cfg).eval()  # the mode does not change while loading
    load_weights_into_gpt(model, params)
    return model
