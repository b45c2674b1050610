# MUTANT: doubles the last token's merged vector (a leftover "emphasis" step)
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    merged = context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim).clone()
    merged[:, -1] = merged[:, -1] * 2
    return merged


EXPECTED_CAUSE = "What differs in token(s) [4]: every value is 2 times"
