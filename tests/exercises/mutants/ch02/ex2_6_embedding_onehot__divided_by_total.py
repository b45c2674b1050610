# MUTANT: the one-hot matrix divided by its total sum (the number of ids)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return (one_hot / one_hot.sum()) @ weight


EXPECTED_CAUSE = 'one over the number of ids'  # the check's message must name this
