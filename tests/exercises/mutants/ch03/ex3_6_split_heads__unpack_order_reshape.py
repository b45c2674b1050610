# Mutant: x.shape unpacked as (b, d_out, num_tokens), then a reshape with -1.
def split_heads(x, num_heads):
    b, d, t = x.shape
    return x.reshape(b, t, num_heads, -1).transpose(1, 2)


EXPECTED_CAUSE = "where num_tokens (5) belongs"
