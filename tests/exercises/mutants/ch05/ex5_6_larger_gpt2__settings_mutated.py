# Mutant: the caller's settings dict renamed/mutated in place.
from llmscratch import GPTModel, load_weights_into_gpt


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = settings
    cfg["vocab_size"] = cfg.pop("n_vocab")
    cfg["context_length"] = cfg.pop("n_ctx")
    cfg["emb_dim"] = cfg.pop("n_embd")
    cfg["n_heads"] = cfg.pop("n_head")
    cfg["n_layers"] = cfg.pop("n_layer")
    cfg["drop_rate"] = drop_rate
    cfg["qkv_bias"] = True
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    return model.eval()


EXPECTED_CAUSE = 'changed the settings dict'
