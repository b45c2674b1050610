# MUTANT: the one-hot matrix is made to require a gradient (requires_grad_()), so the result
# needs one even for a weight that needs none
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    one_hot = one_hot.to(weight.dtype).requires_grad_()
    return one_hot @ weight


EXPECTED_CAUSE = "the one-hot matrix made with requires_grad=true"
