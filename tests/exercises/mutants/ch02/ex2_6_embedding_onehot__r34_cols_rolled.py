# MUTANT: result columns rolled by one (torch.roll on the last dim)
import torch


def embedding_via_onehot(token_ids, weight):
    oh = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return torch.roll(oh @ weight, 1, dims=-1)

EXPECTED_CAUSE = "along emb_dim than expected, the last wrapping round"
