# MUTANT: one-hot rows softened by a softmax of the one-hot times 20 (nearly, not exactly, 0 and 1)
import torch

EXPECTED_CAUSE = "one-hot rows that are not exactly 0 and 1"


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0]).to(weight.dtype)
    return torch.softmax(one_hot * 20, dim=-1) @ weight
