# Mutant: logits cast to float16 before the cross-entropy (to save memory)
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.half().flatten(0, 1), targets.flatten())
    return torch.exp(loss).item()


EXPECTED_CAUSE = 'cast to float16 before the cross-entropy'
