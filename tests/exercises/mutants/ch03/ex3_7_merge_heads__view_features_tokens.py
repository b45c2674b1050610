# MUTANT: view(b, -1, num_tokens): features and tokens in the wrong order
def merge_heads(context_vec):
    b, h, n, d = context_vec.shape
    return context_vec.transpose(1, 2).contiguous().view(b, -1, n).transpose(1, 2)


EXPECTED_CAUSE = 'view(b, num_tokens, d_out) directly'  # the check's message must name this
