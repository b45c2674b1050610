# MUTANT: the target log-probabilities read with logp[:, positions, targets]: the batch stays a
# slice, so every sequence is scored at every sequence's targets.
import torch

EXPECTED_CAUSE = "read at every sequence's targets"


def perplexity(logits, targets):
    logp = torch.log_softmax(logits, dim=-1)
    positions = torch.arange(logits.shape[1])
    picked = logp[:, positions, targets]
    return torch.exp(-picked.mean()).item()
