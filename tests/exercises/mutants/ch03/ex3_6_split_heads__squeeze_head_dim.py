# MUTANT: a trailing .squeeze(-1) drops the head_dim dimension when each head holds one feature
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2).squeeze(-1)


EXPECTED_CAUSE = "squeeze(-1) that drops it when each head holds one feature"
