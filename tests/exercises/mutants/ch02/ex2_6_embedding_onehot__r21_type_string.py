"""The one-hot matrix is cast with a type string, .type(weight.type())."""
import torch.nn.functional as F

EXPECTED_CAUSE = "You cast with a type string"


def embedding_via_onehot(token_ids, weight):
    one_hot = F.one_hot(token_ids, num_classes=weight.shape[0])
    return one_hot.type(weight.type()) @ weight
