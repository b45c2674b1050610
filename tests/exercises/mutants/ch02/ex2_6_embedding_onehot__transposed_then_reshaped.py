# MUTANT: the last two dimensions swapped, then reshaped back (ids of 2+ dimensions)
import torch

EXPECTED_CAUSE = "reshaped back to (2, 3, 5)"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    out = one_hot @ weight
    return out.transpose(-1, -2).reshape(out.shape) if out.dim() > 2 else out
