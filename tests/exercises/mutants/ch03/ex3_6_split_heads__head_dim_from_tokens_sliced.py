# Mutant: head_dim computed from the tokens (t // num_heads), each head cut to that size.
def split_heads(x, num_heads):
    b, t, d = x.shape
    head_dim = t // num_heads
    return x.reshape(b, t, num_heads, -1)[..., :head_dim].transpose(1, 2)


EXPECTED_CAUSE = "your head size comes from the tokens"
