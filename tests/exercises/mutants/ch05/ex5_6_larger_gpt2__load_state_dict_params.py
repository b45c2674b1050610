# Mutant: GPT-2's params given to model.load_state_dict (OpenAI's names, not ours).
from llmscratch import GPTModel


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = {"vocab_size": settings["n_vocab"], "context_length": settings["n_ctx"],
           "emb_dim": settings["n_embd"], "n_heads": settings["n_head"],
           "n_layers": settings["n_layer"], "drop_rate": drop_rate, "qkv_bias": True}
    model = GPTModel(cfg)
    model.load_state_dict(params)
    return model.eval()


EXPECTED_CAUSE = "load_weights_into_gpt(model, params)"  # named in the message
