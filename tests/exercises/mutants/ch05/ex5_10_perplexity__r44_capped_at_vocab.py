# MUTANT: the perplexity capped at the vocabulary size (min(ppl, vocab_size))
import torch

EXPECTED_CAUSE = "capped at the vocabulary size"


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return min(torch.exp(loss).item(), float(logits.shape[-1]))
