# MUTANT: the weight's rows normalised to unit length before the product
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return one_hot.to(weight.dtype) @ torch.nn.functional.normalize(weight, dim=-1)


EXPECTED_CAUSE = 'every vector has length 1'  # the check's message must name this
