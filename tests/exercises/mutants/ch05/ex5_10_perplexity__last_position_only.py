# Mutant: scores only the last position of each sequence.
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits[:, -1, :], targets[:, -1])
    return torch.exp(loss).item()


EXPECTED_CAUSE = "only the last position of each sequence"
