"""One-hot rows by comparing the ids with a torch.arange made on the CPU."""
import torch

EXPECTED_CAUSE = "torch.arange need device=token_ids.device"


def embedding_via_onehot(token_ids, weight):
    one_hot = token_ids.unsqueeze(-1) == torch.arange(weight.shape[0])
    return one_hot.to(weight.dtype) @ weight
