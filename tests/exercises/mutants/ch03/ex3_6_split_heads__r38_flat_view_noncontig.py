# MUTANT: flattens with x.view(-1) before re-viewing, which fails on a non-contiguous x (a
# transposed view)
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    flat = x.view(-1)
    return flat.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)


EXPECTED_CAUSE = "flattens or joins dimensions with .view"
