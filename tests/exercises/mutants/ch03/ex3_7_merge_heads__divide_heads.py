# MUTANT: merged vectors divided by num_heads (averaging habit)
def merge_heads(context_vec):
    b, h, n, d = context_vec.shape
    return context_vec.transpose(1, 2).reshape(b, n, h * d) / h


EXPECTED_CAUSE = 'you divided by num_heads'  # the check's message must name this
