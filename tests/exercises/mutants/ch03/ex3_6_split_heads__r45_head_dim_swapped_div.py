# MUTANT: head_dim computed as num_heads // d_out (operands swapped): 0 for every real case
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = num_heads // d_out
    return x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)

EXPECTED_CAUSE = "num_heads // d_out (the operands swapped)"
