# MUTANT: result detached (autograd cut)
def merge_heads(context_vec):
    b, h, n, d = context_vec.shape
    return context_vec.detach().transpose(1, 2).reshape(b, n, h * d)


EXPECTED_CAUSE = 'cut it from autograd'  # the check's message must name this
