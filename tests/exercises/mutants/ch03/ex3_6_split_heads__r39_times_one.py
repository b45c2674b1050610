# MUTANT: x * 1.0 to make a copy turns integer (or bool) inputs into float
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return (x * 1.0).view(b, num_tokens, num_heads, head_dim).transpose(1, 2)


EXPECTED_CAUSE = "turned the integers into floats"
