# MUTANT: flatten(1) merges tokens too: shape (b, num_tokens * d_out)
def merge_heads(context_vec):
    return context_vec.transpose(1, 2).flatten(1)


EXPECTED_CAUSE = 'flattened the tokens'
