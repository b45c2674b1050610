# MUTANT: the model is cast to the dtype of the loaded weights (a float16 params dict gives a
#   float16 model)
from llmscratch import GPTModel, load_weights_into_gpt


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
    dtype = next(iter(params.values())).dtype
    model = GPTModel(cfg).to(dtype)
    load_weights_into_gpt(model, params)
    return model.eval()

EXPECTED_CAUSE = "cast to the dtype of the weights"  # named in the message
