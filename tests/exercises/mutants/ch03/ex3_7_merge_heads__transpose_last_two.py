# MUTANT: transpose(2, 3) before the reshape
def merge_heads(context_vec):
    b, h, n, d = context_vec.shape
    return context_vec.transpose(2, 3).reshape(b, n, h * d)


EXPECTED_CAUSE = 'permute(0, 1, 3, 2)'
