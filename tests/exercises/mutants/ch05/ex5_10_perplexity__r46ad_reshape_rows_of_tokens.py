# MUTANT: the logits reshaped with reshape(-1, logits.shape[1]), rows as long as the number of
# tokens instead of the vocabulary size (cross_entropy then sees more rows than targets)
import torch

EXPECTED_CAUSE = "a row length taken from logits.shape[1]"


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[1]),
                                             targets.reshape(-1))
    return torch.exp(loss).item()
