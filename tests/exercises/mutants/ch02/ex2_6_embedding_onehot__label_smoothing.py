# MUTANT: label-smoothed one-hot rows (0.9 at the id, 0.1 spread)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return (one_hot * 0.9 + 0.1 / weight.shape[0]) @ weight


EXPECTED_CAUSE = 'x the mean of all weight rows'  # the check's message must name this
