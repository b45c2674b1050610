# MUTANT: product in the wrong order (weight @ one_hot.T, then transposed back)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return (weight.T @ one_hot.to(weight.dtype).T).T


EXPECTED_CAUSE = 'moves the batch dimensions'  # the check's message must name this
