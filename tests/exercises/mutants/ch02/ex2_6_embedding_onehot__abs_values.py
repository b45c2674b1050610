# MUTANT: the result passed through abs() (a leftover of a norm computation)
import torch

EXPECTED_CAUSE = "is the absolute value of the right one"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return (one_hot @ weight).abs()
