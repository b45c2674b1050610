# Mutant: log_softmax over dim 0 of the flattened logits (the positions).
import torch


def perplexity(logits, targets):
    logp = torch.log_softmax(logits.flatten(0, 1), dim=0)
    loss = torch.nn.functional.nll_loss(logp, targets.flatten())
    return torch.exp(loss).item()

EXPECTED_CAUSE = "log_softmax ran over dim 0 of the flattened"
