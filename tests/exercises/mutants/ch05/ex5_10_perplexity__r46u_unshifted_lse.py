# MUTANT: a hand-written stable log-softmax subtracts the row maximum from the logits but takes
#   the log-sum-exp of the unshifted logits, so the maximum comes off twice
import torch

EXPECTED_CAUSE = "the maximum comes off twice"


def perplexity(logits, targets):
    shifted = logits - logits.max(dim=-1, keepdim=True).values  # for stability
    logp = shifted - torch.log(torch.exp(logits).sum(dim=-1, keepdim=True))
    nll = -logp.gather(-1, targets.unsqueeze(-1)).mean()
    return torch.exp(nll).item()
