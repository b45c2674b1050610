# MUTANT: merge_heads memoised with functools.lru_cache: a tensor hashes by its id, so the same
# tensor refilled with new numbers gets the old merged copy back
import functools


@functools.lru_cache
def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    return context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim)


EXPECTED_CAUSE = "functools.lru_cache"  # the check's message must name this
