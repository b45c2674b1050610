# MUTANT: the one-hot matrix loses its last column (sliced off and padded back with zeros)
import torch

EXPECTED_CAUSE = "your one-hot matrix lost its last column"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    one_hot = torch.nn.functional.pad(one_hot[..., :-1], (0, 1))
    return one_hot @ weight
