# MUTANT: product in the wrong order (weight @ one_hot)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return weight @ one_hot.to(weight.dtype)


EXPECTED_CAUSE = 'FIRST matrix of your product'  # the check's message must name this
