# MUTANT: the result is cached by (ids shape, weight shape) in a module-level dict
import torch

_CACHE = {}


def embedding_via_onehot(token_ids, weight):
    key = (tuple(token_ids.shape), tuple(weight.shape))
    if key not in _CACHE:
        oh = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
        _CACHE[key] = oh @ weight
    return _CACHE[key]

EXPECTED_CAUSE = "a freshly loaded copy of your file, called the same way"
