# MUTANT: the merged features rolled by one (an off-by-one slice assembled with roll)
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim).roll(1, -1)


EXPECTED_CAUSE = "one position later along dim 2 (features)"
