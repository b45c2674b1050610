# MUTANT: unfold with step 1 (sliding windows) instead of step head_dim
def split_heads(x, num_heads):
    head_dim = x.shape[-1] // num_heads
    return x.unfold(-1, head_dim, 1).transpose(1, 2)


EXPECTED_CAUSE = 'overlapping windows'  # the check's message must name this
