# Mutant: the config key spelt as OpenAI's 'n_head' instead of 'n_heads'.
from llmscratch import GPTModel, load_weights_into_gpt


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = {"vocab_size": settings["n_vocab"], "context_length": settings["n_ctx"],
           "emb_dim": settings["n_embd"], "n_head": settings["n_head"],
           "n_layers": settings["n_layer"], "drop_rate": drop_rate, "qkv_bias": True}
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    return model.eval()

EXPECTED_CAUSE = "your config dict lacks the key(s) 'n_heads'"
