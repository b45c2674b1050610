# MUTANT: MultiHeadAttention built with positional arguments, n_heads before the dropout rate
# (its order is d_in, d_out, context_length, dropout, num_heads, qkv_bias)
from llmscratch import FeedForward, MultiHeadAttention

EXPECTED_CAUSE = "positional order"


def block_parameter_counts(cfg):
    ff = FeedForward(cfg)
    att = MultiHeadAttention(cfg["emb_dim"], cfg["emb_dim"], cfg["context_length"],
                             cfg["n_heads"], cfg["drop_rate"], cfg["qkv_bias"])
    return {"feed_forward": sum(p.numel() for p in ff.parameters()),
            "attention": sum(p.numel() for p in att.parameters())}
