# MUTANT: token_ids.view(-1) fails on non-contiguous ids
import torch


def embedding_via_onehot(token_ids, weight):
    flat = torch.nn.functional.one_hot(token_ids.view(-1), num_classes=weight.shape[0])
    out = flat.to(weight.dtype) @ weight
    return out.view(*token_ids.shape, weight.shape[1])

EXPECTED_CAUSE = "needs contiguous ids"
