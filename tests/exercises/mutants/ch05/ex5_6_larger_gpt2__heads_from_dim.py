# Mutant: head count computed as n_embd // 64 instead of read from n_head
from llmscratch import GPTModel, load_weights_into_gpt


def build_gpt2(settings, params, drop_rate=0.0):
    cfg = {
        "vocab_size": settings["n_vocab"],
        "context_length": settings["n_ctx"],  # GPT-2 was trained with 1024 positions
        "emb_dim": settings["n_embd"],
        "n_heads": settings["n_embd"] // 64,
        "n_layers": settings["n_layer"],
        "drop_rate": drop_rate,
        "qkv_bias": True,  # OpenAI's query/key/value layers have biases
    }
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    return model.eval()


EXPECTED_CAUSE = "n_heads comes from settings['n_head']"
