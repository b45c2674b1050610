# MUTANT: one-hot transposed before the product (one_hot.T @ weight)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return one_hot.to(weight.dtype).T @ weight


EXPECTED_CAUSE = 'the one-hot matrix transposed'  # the check's message must name this
