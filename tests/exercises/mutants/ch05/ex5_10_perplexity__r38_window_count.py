# MUTANT: summed loss divided by batch x (num_tokens + 1)
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(),
                                             reduction="sum")
    return torch.exp(loss / (targets.shape[0] * (targets.shape[1] + 1))).item()

EXPECTED_CAUSE = "your loss is exactly 3/4 of the right one"
