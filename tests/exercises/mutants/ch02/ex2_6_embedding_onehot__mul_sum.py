# MUTANT: elementwise product summed over emb_dim: the vocabulary dimension remains
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return (one_hot.unsqueeze(-1) * weight).sum(dim=-1)


EXPECTED_CAUSE = 'vocabulary dimension'
