# MUTANT: weight cast to the one-hot's integer dtype (values truncated)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    return (one_hot @ weight.long()).to(weight.dtype)


EXPECTED_CAUSE = 'into integers'  # the check's message must name this
