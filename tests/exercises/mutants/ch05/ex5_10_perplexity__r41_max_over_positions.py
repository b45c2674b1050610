# MUTANT: a hand-written stable log-softmax subtracts the max over dim 1 (the positions)
# instead of over the vocabulary
import torch


def perplexity(logits, targets):
    m = logits.max(dim=1, keepdim=True).values
    shifted = logits - m
    logp = shifted - shifted.exp().sum(dim=-1, keepdim=True).log()
    nll = -logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return torch.exp(nll.mean()).item()

EXPECTED_CAUSE = "taken over dim 1 (the positions)"
