# Correct: unflatten the last dimension with -1, then swapaxes
def split_heads(x, num_heads):
    return x.unflatten(-1, (num_heads, -1)).swapaxes(1, 2)  # (b, heads, tokens, head_dim)
