# MUTANT: heads averaged (mean over dim 1) instead of concatenated: (b, num_tokens, head_dim)
def merge_heads(context_vec):
    return context_vec.mean(dim=1)


EXPECTED_CAUSE = 'equals context_vec.mean(1)'  # the check's message must name this
