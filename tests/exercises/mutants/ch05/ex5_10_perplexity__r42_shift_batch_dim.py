# MUTANT: a shift along the batch dimension: sequence i's logits scored against sequence
# i + 1's targets (logits[:-1] against targets[1:])
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits[:-1].flatten(0, 1), targets[1:].flatten())
    return torch.exp(loss).item()

EXPECTED_CAUSE = "a shift along the BATCH"
