# MUTANT: the result is made to require a gradient (requires_grad_()) even when the weight
# needs none, unlike weight[token_ids]
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    out = one_hot.to(weight.dtype) @ weight
    if not out.requires_grad:
        out.requires_grad_()  # "make sure the gradient can flow"
    return out


EXPECTED_CAUSE = "the weight needs no gradient, but your result needs one"
