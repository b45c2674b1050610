# MUTANT: one-hot rows built in a Python loop over token_ids.tolist()
import torch


def embedding_via_onehot(token_ids, weight):
    v = weight.shape[0]
    rows = [[1.0 if j == i else 0.0 for j in range(v)] for i in token_ids.flatten().tolist()]
    one_hot = torch.tensor(rows, dtype=weight.dtype, device=weight.device)
    return (one_hot @ weight).view(*token_ids.shape, weight.shape[1])


EXPECTED_CAUSE = "copies the ids' values out"  # the check's message must name this
