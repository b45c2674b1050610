# Correct: permute + reshape with -1
def merge_heads(context_vec):
    b, _, num_tokens, _ = context_vec.shape
    return context_vec.permute(0, 2, 1, 3).reshape(b, num_tokens, -1)
