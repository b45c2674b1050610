# MUTANT: a loop over the heads that starts at 1, so head 0 stays all zeros
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    out = x.new_zeros(b, num_heads, num_tokens, head_dim)
    for h in range(1, num_heads):
        out[:, h] = x[:, :, h * head_dim:(h + 1) * head_dim]
    return out

EXPECTED_CAUSE = "starts at 1, range(1, num_heads)"
