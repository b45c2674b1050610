# MUTANT: rows of the weight cumulated along emb_dim (a cumsum slipped in)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return (one_hot.to(weight.dtype) @ weight).cumsum(-1)


EXPECTED_CAUSE = "running sum of its right row's numbers"
