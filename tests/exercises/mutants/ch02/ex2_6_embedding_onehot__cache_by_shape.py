# MUTANT: the one-hot matrix is cached by the ids' shape
import torch

_ONE_HOT = {}


def embedding_via_onehot(token_ids, weight):
    key = (tuple(token_ids.shape), weight.shape[0], token_ids.device)
    if key not in _ONE_HOT:
        _ONE_HOT[key] = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return _ONE_HOT[key].to(weight.dtype) @ weight

EXPECTED_CAUSE = "keyed by the ids' shape"
