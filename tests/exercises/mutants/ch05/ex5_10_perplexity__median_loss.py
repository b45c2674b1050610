# Mutant: exp of the median token loss instead of the mean.
import torch

EXPECTED_CAUSE = "median token loss"


def perplexity(logits, targets):
    per_token = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(),
                                                  reduction="none")
    return torch.exp(per_token.median()).item()
