# Correct: transpose(1, 2), flatten(1, 2), then reshape keeps the (b, t, h, d) order
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    out = context_vec.transpose(1, 2).flatten(1, 2)
    return out.reshape(b, num_tokens, num_heads * head_dim)
