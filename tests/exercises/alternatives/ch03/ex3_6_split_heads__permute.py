# Correct: reshape + permute
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    # (b, num_tokens, d_out) -> (b, num_tokens, num_heads, head_dim) -> (b, heads, tokens, hd)
    return x.reshape(b, num_tokens, num_heads, d_out // num_heads).permute(0, 2, 1, 3)
