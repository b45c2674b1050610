# Mutant: loss summed over the batch's per-sequence means.
import torch


def perplexity(logits, targets):
    per_token = torch.nn.functional.cross_entropy(logits.transpose(1, 2), targets,
                                                  reduction='none')  # (batch, num_tokens)
    loss = per_token.mean(dim=1).sum()
    return torch.exp(loss).item()


EXPECTED_CAUSE = 'ADDED over the batch'
