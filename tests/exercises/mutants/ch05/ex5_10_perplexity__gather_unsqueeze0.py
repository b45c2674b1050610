# Mutant: targets gathered with unsqueeze(0) instead of unsqueeze(-1) (wrong positions scored)
import torch


def perplexity(logits, targets):
    logp = torch.log_softmax(logits, dim=-1)
    loss = -logp.gather(-1, targets.unsqueeze(0)).mean()
    return torch.exp(loss).item()


EXPECTED_CAUSE = 'targets.unsqueeze(0), shape (1, batch'
