# MUTANT: the tokens rolled by one inside the heads (a shift meant for targets)
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2).roll(1, dims=2)

EXPECTED_CAUSE = "one position later along dim 2"
