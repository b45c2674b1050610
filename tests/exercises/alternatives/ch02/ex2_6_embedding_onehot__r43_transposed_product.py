# Correct: the product as (weight.T @ one_hot^T)^T, a transposed (non-contiguous) result
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    if one_hot.dim() < 2:
        return one_hot @ weight
    return (weight.T @ one_hot.transpose(-1, -2)).transpose(-1, -2)
