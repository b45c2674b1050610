# MUTANT: the head count is kept from the first call in a global

EXPECTED_CAUSE = 'keeps a size from an earlier call'
_num_heads = None


def merge_heads(context_vec):
    global _num_heads
    b, num_heads, num_tokens, head_dim = context_vec.shape
    if _num_heads is None:
        _num_heads = num_heads
    d_out = _num_heads * head_dim
    return context_vec.transpose(1, 2).reshape(b, -1, d_out)
