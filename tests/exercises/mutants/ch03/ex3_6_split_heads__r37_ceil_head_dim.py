# MUTANT: head_dim rounded up, (d_out + num_heads) // num_heads
def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = (d_out + num_heads) // num_heads
    return x.unfold(-1, head_dim, head_dim).transpose(1, 2)

EXPECTED_CAUSE = "a division that rounds up past it"
