"""The ids moved to the CPU (.cpu()) before one_hot."""
import torch.nn.functional as F

EXPECTED_CAUSE = "token_ids.cpu()"


def embedding_via_onehot(token_ids, weight):
    one_hot = F.one_hot(token_ids.cpu(), num_classes=weight.shape[0])
    return one_hot.to(weight) @ weight
