# MUTANT: the product reshaped to (token_ids.shape[0], -1), other dims merged with emb_dim
import torch
import torch.nn.functional as F


def embedding_via_onehot(token_ids, weight):
    one_hot = F.one_hot(token_ids.reshape(-1), num_classes=weight.shape[0]).to(weight.dtype)
    out = one_hot @ weight
    return out.reshape(token_ids.shape[0], -1)


EXPECTED_CAUSE = "keep the leading shape"
