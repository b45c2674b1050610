# MUTANT: ids of more than one dim handled by stacking a call per row (an empty batch crashes)
import torch


def embedding_via_onehot(token_ids, weight):
    if token_ids.dim() <= 1:
        one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
        return one_hot.to(weight.dtype) @ weight
    return torch.stack([embedding_via_onehot(row, weight) for row in token_ids])

EXPECTED_CAUSE = "an empty batch has no rows to stack"
