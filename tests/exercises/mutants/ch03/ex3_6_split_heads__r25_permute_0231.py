# MUTANT: permute(0, 2, 3, 1) after the view: (b, num_heads, head_dim, num_tokens)
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    return x.view(b, num_tokens, num_heads, head_dim).permute(0, 2, 3, 1)


EXPECTED_CAUSE = 'in the order (0, 2, 3, 1)'
