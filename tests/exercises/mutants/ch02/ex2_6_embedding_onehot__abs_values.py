# MUTANT: the result passed through abs() (a leftover of a norm computation)
import torch

EXPECTED_CAUSE = "each number was made positive"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return (one_hot @ weight).abs()
