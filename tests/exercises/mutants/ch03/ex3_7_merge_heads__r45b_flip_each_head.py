# MUTANT: each head's vector reversed (flip(-1)) before the merge

EXPECTED_CAUSE = "head 0's slot holds head 0's numbers in reverse order"
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.flip(-1).transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim)
