# Mutant: logits flattened in (token, batch) order but targets in (batch, token) order
import torch


def perplexity(logits, targets):
    flat = logits.transpose(0, 1).flatten(0, 1)  # (num_tokens * batch, vocab)
    loss = torch.nn.functional.cross_entropy(flat, targets.flatten())
    return torch.exp(loss).item()


EXPECTED_CAUSE = 'logits.transpose(0, 1)'
