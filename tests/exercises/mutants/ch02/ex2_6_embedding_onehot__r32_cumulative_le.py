# MUTANT: one-hot rows built with <= instead of == (a 1 at every index up to the id)
import torch


def embedding_via_onehot(token_ids, weight):
    idx = torch.arange(weight.shape[0], device=token_ids.device)
    one_hot = (idx <= token_ids.unsqueeze(-1)).to(weight.dtype)
    return one_hot @ weight


EXPECTED_CAUSE = "every index up to and including the id"
