# MUTANT: the view's head size is head_dim + 1 (an off-by-one)
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return x.view(b, num_tokens, num_heads, head_dim + 1).transpose(1, 2)

EXPECTED_CAUSE = "one more than head_dim (an off-by-one"
