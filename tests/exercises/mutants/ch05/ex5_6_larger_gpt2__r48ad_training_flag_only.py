# MUTANT: eval mode set as model.training = False, which flips only the top module's flag;
# the submodules, dropout included, stay in training mode.
from llmscratch import GPTModel, load_weights_into_gpt

EXPECTED_CAUSE = "model.training = false changes only the top module"


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
    load_weights_into_gpt(model, params)
    model.training = False  # only the top module's flag: the dropout layers stay in training
    return model
