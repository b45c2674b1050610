# MUTANT: two mistakes at once: the targets shifted again (logits[:, :-1] against
# targets[:, 1:]) and the perplexities of the sequences averaged
import torch

EXPECTED_CAUSE = "; and you averaged the perplexities of the sequences"


def perplexity(logits, targets):
    losses = torch.nn.functional.cross_entropy(logits[:, :-1].transpose(1, 2), targets[:, 1:],
                                               reduction="none")
    return torch.exp(losses.mean(dim=1)).mean().item()
