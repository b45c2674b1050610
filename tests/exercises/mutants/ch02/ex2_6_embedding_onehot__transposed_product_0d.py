# MUTANT: the product is written transposed, weight.T @ one_hot^T then transposed back, which
#   crashes for a single id (a 0-d tensor: one_hot is 1-D and has no dim -2)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return (weight.T @ one_hot.transpose(-1, -2)).transpose(-1, -2)

EXPECTED_CAUSE = "it assumes the ids have a dimension"  # the check's message must name this
