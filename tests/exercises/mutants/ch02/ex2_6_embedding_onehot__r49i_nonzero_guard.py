# MUTANT: a guard on the one-hot rows with torch.nonzero (reads the ids' values)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    out = one_hot @ weight
    # guard: every row must hold exactly one 1
    if torch.nonzero(one_hot.sum(-1) != 1).numel():
        raise ValueError("bad one-hot rows")
    return out


EXPECTED_CAUSE = "calls torch.nonzero"  # the check's message must name this
