# MUTANT: ids stored as uint8 before one_hot (ids past 255 wrap round)
import torch


def embedding_via_onehot(token_ids, weight):
    small = token_ids.to(torch.uint8).long()
    one_hot = torch.nn.functional.one_hot(small, num_classes=weight.shape[0])
    return one_hot.to(weight.dtype) @ weight


EXPECTED_CAUSE = 'modulo 256'  # the check's message must name this
