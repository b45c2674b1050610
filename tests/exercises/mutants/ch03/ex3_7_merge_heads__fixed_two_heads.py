# MUTANT: d_out written as head_dim * 2, a fixed head count
def merge_heads(context_vec):
    b, h, n, hd = context_vec.shape
    return context_vec.transpose(1, 2).reshape(b, n, hd * 2)


EXPECTED_CAUSE = "a head count of 2 is fixed"
