# MUTANT: the result is viewed back with view(*token_ids.shape, -1), which cannot infer -1 for an
# empty batch (no ids)
import torch

EXPECTED_CAUSE = "reshapes with a -1"


def embedding_via_onehot(token_ids, weight):
    flat = token_ids.reshape(-1)
    one_hot = torch.nn.functional.one_hot(flat, num_classes=weight.shape[0]).to(weight.dtype)
    out = one_hot @ weight
    return out.view(*token_ids.shape, -1)
