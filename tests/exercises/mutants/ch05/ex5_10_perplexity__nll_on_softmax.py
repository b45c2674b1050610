# Mutant: nll_loss on softmax probabilities instead of log-probabilities.
import torch


def perplexity(logits, targets):
    p = torch.softmax(logits, dim=-1).flatten(0, 1)
    return torch.exp(torch.nn.functional.nll_loss(p, targets.flatten())).item()


EXPECTED_CAUSE = "nll_loss was given softmax probabilities"
