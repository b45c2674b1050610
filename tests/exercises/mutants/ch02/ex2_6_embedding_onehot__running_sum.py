# MUTANT: each output vector is the running sum of the rows so far (a cumsum)
import torch

EXPECTED_CAUSE = "is the sum of the right vectors 0..k"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return (one_hot @ weight).cumsum(dim=-2) if token_ids.dim() else one_hot @ weight
