# Mutant: logits flattened with .view (fails for non-contiguous logits, e.g. logits[:, :-1])
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.shape[-1]), targets.flatten())
    return torch.exp(loss).item()


EXPECTED_CAUSE = 'not contiguous in memory'
