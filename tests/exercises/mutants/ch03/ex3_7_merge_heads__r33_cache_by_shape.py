# MUTANT: the merged result cached per input shape (a stale tensor for new values)

EXPECTED_CAUSE = "a tensor kept from an earlier call"
_cache = {}


def merge_heads(context_vec):
    key = tuple(context_vec.shape)
    if key not in _cache:
        b, h, t, d = key
        _cache[key] = context_vec.transpose(1, 2).reshape(b, t, h * d)
    return _cache[key]
