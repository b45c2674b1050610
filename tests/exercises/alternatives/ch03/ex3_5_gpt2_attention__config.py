# Correct: sizes read from GPT_CONFIG_124M, dropout 0.0 given explicitly
from llmscratch import GPT_CONFIG_124M, MultiHeadAttention


def make_gpt2_attention():
    cfg = GPT_CONFIG_124M
    return MultiHeadAttention(
        d_in=cfg["emb_dim"],
        d_out=cfg["emb_dim"],
        context_length=cfg["context_length"],
        dropout=0.0,
        num_heads=cfg["n_heads"],
        qkv_bias=cfg["qkv_bias"],
    )
