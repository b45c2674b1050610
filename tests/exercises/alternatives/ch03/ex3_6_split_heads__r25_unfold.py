# Correct: unfold with step = size = head_dim gives (b, t, heads, head_dim) windows; then transpose
def split_heads(x, num_heads):
    head_dim = x.shape[-1] // num_heads
    return x.unfold(-1, head_dim, head_dim).transpose(1, 2)
