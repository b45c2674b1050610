# MUTANT: the merged heads compared with 0 (a mask of the nonzero entries) instead of returned,
# a bool tensor (the check crashed on it before)
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    merged = context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim)
    return merged != 0

EXPECTED_CAUSE = "you returned a bool tensor"
