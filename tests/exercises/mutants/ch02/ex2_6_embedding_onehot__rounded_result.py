# MUTANT: the result rounded to 4 decimals (copied from a printing helper)
import torch

EXPECTED_CAUSE = "rounded to 4 decimals"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return (one_hot @ weight).round(decimals=4)
