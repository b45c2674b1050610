# MUTANT: settings renamed hparams (the name in OpenAI's files): right by position, a TypeError
# by name.
from llmscratch import GPTModel, load_weights_into_gpt


def build_gpt2(hparams, params, drop_rate=0.0):
    model = GPTModel({"vocab_size": hparams["n_vocab"], "context_length": hparams["n_ctx"],
                      "emb_dim": hparams["n_embd"], "n_heads": hparams["n_head"],
                      "n_layers": hparams["n_layer"], "drop_rate": drop_rate, "qkv_bias": True})
    load_weights_into_gpt(model, params)
    return model.eval()


EXPECTED_CAUSE = "keep the parameter names of the docstring"
