# MUTANT: the merged width written as num_heads + head_dim instead of num_heads * head_dim
# (equal only for 2 heads of 2)
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.transpose(1, 2).contiguous().view(b, num_tokens, num_heads + head_dim)

EXPECTED_CAUSE = "num_heads + head_dim"
