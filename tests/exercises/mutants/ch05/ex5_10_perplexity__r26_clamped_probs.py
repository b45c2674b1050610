# MUTANT: probabilities clamped to 1e-10 before the log (caps each token loss at 23)
import torch
import torch.nn.functional as F


def perplexity(logits, targets):
    probs = torch.softmax(logits, dim=-1)
    p = probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return torch.exp(-torch.log(p.clamp(min=1e-10)).mean()).item()


EXPECTED_CAUSE = "caps every token's loss"
