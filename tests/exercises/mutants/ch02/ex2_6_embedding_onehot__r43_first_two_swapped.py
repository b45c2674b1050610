# MUTANT: the first two numbers of every vector swapped
import torch


def embedding_via_onehot(token_ids, weight):
    out = torch.nn.functional.one_hot(token_ids, weight.shape[0]).to(weight.dtype) @ weight
    idx = torch.arange(weight.shape[1], device=weight.device)
    idx[:2] = torch.tensor([1, 0])
    return out[..., idx]

EXPECTED_CAUSE = "in another order (yours [1, 0, 2])"
