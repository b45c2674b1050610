# Mutant: mean of per-position perplexities (exp of each position's batch-mean loss).
import torch


def perplexity(logits, targets):
    per_tok = torch.nn.functional.cross_entropy(logits.transpose(1, 2), targets, reduction='none')
    return torch.exp(per_tok.mean(dim=0)).mean().item()


EXPECTED_CAUSE = 'perplexities of the positions'
