# MUTANT: a shortcut for one token reshapes x[:, 0] with a .float(): float64 comes back float32
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    if num_tokens == 1:
        return x[:, 0].reshape(b, num_heads, 1, head_dim).float()
    return x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)


EXPECTED_CAUSE = "treats a single token differently"
