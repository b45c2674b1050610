# MUTANT: ids cast to int32 before one_hot (one_hot needs int64)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids.int(), num_classes=weight.shape[0])
    return one_hot.to(weight.dtype) @ weight


EXPECTED_CAUSE = 'turned them into another dtype'  # the check's message must name this
