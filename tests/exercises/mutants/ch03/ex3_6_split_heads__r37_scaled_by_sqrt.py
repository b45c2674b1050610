# MUTANT: the split also divides by sqrt(head_dim) (the attention scale put in the wrong place)
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    x = x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)
    return x / head_dim**0.5

EXPECTED_CAUSE = "divided the heads by the attention scale"
