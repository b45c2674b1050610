# MUTANT: einsum with the weight's subscripts swapped ("...v,dv->...d"), a product with the
#   transposed weight (works only when it is square)
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return torch.einsum("...v,dv->...d", one_hot, weight)

EXPECTED_CAUSE = "names the weight's dimensions in the wrong order"
