# MUTANT: each one-hot row also marks the next id (wrapping round), a 1 at id and at id + 1
import torch


def embedding_via_onehot(token_ids, weight):
    size = weight.shape[0]
    idx = torch.arange(size, device=token_ids.device)
    ids = token_ids.unsqueeze(-1)
    one_hot = ((idx == ids) | (idx == (ids + 1) % size)).to(weight.dtype)
    return one_hot @ weight


EXPECTED_CAUSE = "your one-hot rows hold a 1 at the positions"
