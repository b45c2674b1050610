# MUTANT: a second 1 added at index 0 of every one-hot row (row 0 added to every vector)
import torch

EXPECTED_CAUSE = "your one-hot rows hold a second 1 at index 0"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    one_hot[..., 0] += 1
    return one_hot @ weight
