# MUTANT: token_ids.unsqueeze_(-1) changes the caller's ids in place
import torch


def embedding_via_onehot(token_ids, weight):
    idx = token_ids.unsqueeze_(-1)
    one_hot = torch.zeros(*idx.shape[:-1], weight.shape[0], dtype=weight.dtype, device=idx.device)
    one_hot.scatter_(-1, idx, 1.0)
    return one_hot @ weight

EXPECTED_CAUSE = "now (3, 1)/torch.int64"
