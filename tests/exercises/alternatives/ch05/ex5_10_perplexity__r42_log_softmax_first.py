# Correct: cross_entropy of log_softmax(logits) equals cross_entropy of the logits
import torch


def perplexity(logits, targets):
    logp = torch.log_softmax(logits, dim=-1)
    loss = torch.nn.functional.cross_entropy(logp.flatten(0, 1), targets.flatten())
    return torch.exp(loss).item()
