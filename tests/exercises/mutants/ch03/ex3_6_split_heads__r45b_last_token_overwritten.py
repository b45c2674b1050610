# MUTANT: the last token's heads overwritten with the first token's (out[:, :, -1] = out[:, :, 0])

EXPECTED_CAUSE = "token 4 holds token 0's heads"
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    out = x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2).clone()
    out[:, :, -1] = out[:, :, 0]
    return out
