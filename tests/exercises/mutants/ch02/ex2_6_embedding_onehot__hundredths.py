# MUTANT: the result kept to hundredths (torch.round(x * 100) / 100)
import torch

EXPECTED_CAUSE = "rounded to 2 decimals"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return torch.round(one_hot @ weight * 100) / 100
