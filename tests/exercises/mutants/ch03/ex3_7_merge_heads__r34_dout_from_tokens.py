# MUTANT: d_out computed as num_heads * num_tokens (tokens instead of head_dim) in the view
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.transpose(1, 2).contiguous().view(b, num_tokens, num_heads * num_tokens)

EXPECTED_CAUSE = 'num_heads * num_tokens = 3 * 5'
