# MUTANT: transposed back but never reshaped: a 4-D (b, num_tokens, num_heads, head_dim) result
def merge_heads(context_vec):
    return context_vec.transpose(1, 2).contiguous()


EXPECTED_CAUSE = 'still 4-D'
