# MUTANT: result cached per model with functools.lru_cache (stale after freezing a layer)
import functools


@functools.cache
def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'remembered between calls'
