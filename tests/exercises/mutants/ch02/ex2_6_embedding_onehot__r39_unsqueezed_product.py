# MUTANT: one_hot.unsqueeze(-2) @ weight keeps an extra size-1 dim, (..., 1, emb_dim)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return one_hot.unsqueeze(-2) @ weight


EXPECTED_CAUSE = 'an extra dimension of size 1'
