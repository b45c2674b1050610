# MUTANT: each merged vector centred by its mean (a layer-norm step slipped in)
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    out = context_vec.transpose(1, 2).contiguous().view(b, num_tokens, num_heads * head_dim)
    return out - out.mean(-1, keepdim=True)

EXPECTED_CAUSE = "you centred each merged vector"
