# MUTANT: a running sum over the tokens (cumsum, copied from a "causal" averaging example)
# before the merge; no known mistake matches: the fallback lists the tokens that differ
EXPECTED_CAUSE = "the tokens with a wrong vector are [1, 2, 3, 4] of 5"


def merge_heads(context_vec):
    b, h, n, d = context_vec.shape
    return context_vec.cumsum(2).transpose(1, 2).reshape(b, n, h * d)
