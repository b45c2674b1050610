# MUTANT: weight.requires_grad_(True) changes the caller's tensor
import torch


def embedding_via_onehot(token_ids, weight):
    weight.requires_grad_(True)
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return one_hot.to(weight.dtype) @ weight

EXPECTED_CAUSE = "its requires_grad was False, after your call it is True"
