# MUTANT: the ids sorted along the last dim before the lookup
import torch


def embedding_via_onehot(token_ids, weight):
    ids = token_ids.sort(dim=-1).values if token_ids.dim() else token_ids
    one_hot = torch.nn.functional.one_hot(ids, num_classes=weight.shape[0])
    return one_hot.to(weight.dtype) @ weight


EXPECTED_CAUSE = 'for the ids sorted'  # the check's message must name this
