# MUTANT: num_classes hard-coded to GPT-2's vocabulary size, 50257
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=50257)
    return one_hot.to(weight.dtype) @ weight

EXPECTED_CAUSE = "50257, GPT-2's vocabulary size"
