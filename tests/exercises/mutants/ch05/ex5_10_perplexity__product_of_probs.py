# Mutant: geometric mean as a product of probabilities (underflow for many tokens).
import torch


def perplexity(logits, targets):
    probs = torch.softmax(logits, dim=-1)
    p_target = probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    n = p_target.numel()
    return (1.0 / torch.prod(p_target) ** (1.0 / n)).item()


EXPECTED_CAUSE = 'underflowed'
