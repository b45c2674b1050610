# MUTANT: ids clamped to vocab_size - 2 "to be safe" (the last row never used)
import torch

EXPECTED_CAUSE = "capped at 5 = vocab_size - 2"


def embedding_via_onehot(token_ids, weight):
    ids = token_ids.clamp(max=weight.shape[0] - 2)
    one_hot = torch.nn.functional.one_hot(ids, num_classes=weight.shape[0]).to(weight.dtype)
    return one_hot @ weight
