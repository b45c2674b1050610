# MUTANT: one-hot (probability) targets given to F.cross_entropy with the 3-D logits, which
# reads dim 1 (the positions) as the classes: the softmax runs over the positions.
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "the softmax ran over the positions"


def perplexity(logits, targets):
    one_hot = F.one_hot(targets, logits.shape[-1]).to(logits.dtype)
    loss = F.cross_entropy(logits, one_hot)  # probability targets, same shape as the logits
    return torch.exp(loss).item()
