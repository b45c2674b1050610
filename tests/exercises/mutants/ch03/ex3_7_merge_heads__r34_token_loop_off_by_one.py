# MUTANT: loop over tokens with range(num_tokens - 1): the last token's output stays 0
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    out = context_vec.new_zeros(b, num_tokens, num_heads * head_dim)
    for t in range(num_tokens - 1):
        out[:, t] = context_vec[:, :, t].reshape(b, num_heads * head_dim)
    return out

EXPECTED_CAUSE = 'those places were never written'
