# MUTANT: reshape to (b, num_heads, head_dim, num_tokens), then transpose(2, 3)
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    return x.reshape(b, num_heads, d_out // num_heads, num_tokens).transpose(2, 3)


EXPECTED_CAUSE = 'num_tokens) and swapped the last two dimensions'
