# MUTANT: logits moved one position: the last position's logits used twice
import torch
import torch.nn.functional as F


def perplexity(logits, targets):
    shifted = torch.cat([logits[:, 1:], logits[:, -1:]], dim=1)
    return torch.exp(F.cross_entropy(shifted.flatten(0, 1), targets.flatten())).item()

EXPECTED_CAUSE = "logits of position i + 1"
