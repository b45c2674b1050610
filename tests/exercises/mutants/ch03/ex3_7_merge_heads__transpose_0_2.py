# MUTANT: transpose(0, 2) before the reshape
def merge_heads(context_vec):
    b, h, n, d = context_vec.shape
    return context_vec.transpose(0, 2).reshape(b, n, h * d)


EXPECTED_CAUSE = 'permute(2, 1, 0, 3)'
