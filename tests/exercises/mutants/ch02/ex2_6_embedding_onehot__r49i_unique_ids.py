# MUTANT: one-hot of torch.unique ids, rows spread back by the inverse index
import torch


def embedding_via_onehot(token_ids, weight):
    # one-hot only the distinct ids, then spread their rows back
    uniq, inverse = torch.unique(token_ids, return_inverse=True)
    one_hot = torch.nn.functional.one_hot(uniq, num_classes=weight.shape[0]).to(weight.dtype)
    return (one_hot @ weight)[inverse]


EXPECTED_CAUSE = "torch.unique"  # the check's message must name this
