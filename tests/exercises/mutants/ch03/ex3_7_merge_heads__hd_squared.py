# MUTANT: d_out computed as head_dim * head_dim
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim)
    context_vec = context_vec.transpose(1, 2)
    # (b, num_tokens, num_heads, head_dim) -> (b, num_tokens, d_out)
    return context_vec.contiguous().view(b, num_tokens, head_dim * head_dim)


EXPECTED_CAUSE = 'head_dim * head_dim'
