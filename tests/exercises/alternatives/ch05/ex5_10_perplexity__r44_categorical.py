# ALTERNATIVE: target log-probabilities from torch.distributions.Categorical(logits=...)
import torch


def perplexity(logits, targets):
    logp = torch.distributions.Categorical(logits=logits).log_prob(targets)
    return torch.exp(-logp.mean()).item()
