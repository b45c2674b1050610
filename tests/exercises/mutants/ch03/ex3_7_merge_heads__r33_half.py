# MUTANT: the merged result converted to float16 with .half()

EXPECTED_CAUSE = '.half(), changed it'
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim).half()
