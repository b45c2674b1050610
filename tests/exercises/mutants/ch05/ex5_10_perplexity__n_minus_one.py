# Mutant: the summed loss divided by the number of targets minus 1.
import torch


def perplexity(logits, targets):
    total = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(),
                                              reduction="sum")
    return torch.exp(total / (targets.numel() - 1)).item()


EXPECTED_CAUSE = "minus 1 (N - 1)"  # named in the message
