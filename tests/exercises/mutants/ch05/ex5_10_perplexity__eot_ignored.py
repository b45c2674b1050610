# Mutant: <|endoftext|> (50256) targets ignored (ignore_index=50256).
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(),
                                           ignore_index=50256)
    return torch.exp(loss).item()


EXPECTED_CAUSE = '<|endoftext|> targets (50256) were ignored'
