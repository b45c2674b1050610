# MUTANT: the logits flattened with flatten(1) (the token and vocabulary dimensions joined)
# instead of flatten(0, 1), against targets flattened whole
import torch

EXPECTED_CAUSE = "joins the token and vocabulary dimensions"


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(1), targets.flatten())
    return torch.exp(loss).item()
