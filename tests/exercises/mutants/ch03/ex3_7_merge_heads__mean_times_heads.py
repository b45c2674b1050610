# MUTANT: heads averaged (mean over dim 1) and tiled back to d_out
def merge_heads(context_vec):
    b, h, n, hd = context_vec.shape
    return context_vec.mean(dim=1).repeat(1, 1, h)


EXPECTED_CAUSE = 'combined the heads'
