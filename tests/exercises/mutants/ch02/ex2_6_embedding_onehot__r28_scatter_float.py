# MUTANT: one-hot zeros made without a dtype (float32): a float64 weight fails the product
import torch
import torch.nn.functional as F


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.zeros(*token_ids.shape, weight.shape[0], device=token_ids.device)
    one_hot.scatter_(-1, token_ids.unsqueeze(-1), 1.0)
    return one_hot @ weight


EXPECTED_CAUSE = "here the weight is torch.float64"
