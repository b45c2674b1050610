# MUTANT: a max over the vocabulary of one_hot * weight instead of the sum (negatives lost)
import torch

EXPECTED_CAUSE = "a max over the vocabulary instead of the product"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return (one_hot.unsqueeze(-1) * weight).amax(dim=-2)
