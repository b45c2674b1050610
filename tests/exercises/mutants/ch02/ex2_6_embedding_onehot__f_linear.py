# MUTANT: F.linear(one_hot, weight) multiplies by weight.T
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return torch.nn.functional.linear(one_hot.to(weight.dtype), weight)


EXPECTED_CAUSE = 'the weight transposed'
