# MUTANT: the last number of every vector replaced by the first
import torch

EXPECTED_CAUSE = "along emb_dim only from index 2 on"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    out = one_hot.to(weight.dtype) @ weight
    return torch.cat([out[..., :-1], out[..., :1]], -1)
