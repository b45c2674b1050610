# MUTANT: one-hot length read from the ids (largest id + 1), weight sliced to match
import torch


def embedding_via_onehot(token_ids, weight):
    n = int(token_ids.max()) + 1
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=n)
    return one_hot.to(weight.dtype) @ weight[:n]


EXPECTED_CAUSE = 'reads a value out of the ids'  # the check's message must name this
