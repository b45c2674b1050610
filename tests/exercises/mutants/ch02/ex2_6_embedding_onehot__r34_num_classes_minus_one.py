# MUTANT: num_classes is weight.shape[0] - 1 (read as the largest id)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0] - 1)
    return one_hot.to(weight.dtype) @ weight[:-1]

EXPECTED_CAUSE = "num_classes=weight.shape[0]"
