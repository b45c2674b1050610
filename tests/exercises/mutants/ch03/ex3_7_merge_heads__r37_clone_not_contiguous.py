# MUTANT: .clone() where .contiguous() belongs (clone keeps the strides)
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.transpose(1, 2).clone().view(b, num_tokens, num_heads * head_dim)

EXPECTED_CAUSE = "call .contiguous() before .view"
