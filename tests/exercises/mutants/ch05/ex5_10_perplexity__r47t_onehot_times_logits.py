# MUTANT: the target's logit picked by multiplying the logits with a one-hot mask and summing:
# a filtered (-inf) logit times 0 is NaN.
import torch

EXPECTED_CAUSE = "-inf * 0"


def perplexity(logits, targets):
    onehot = torch.nn.functional.one_hot(targets, logits.shape[-1]).to(logits.dtype)
    target_logit = (logits * onehot).sum(-1)
    return torch.exp((torch.logsumexp(logits, dim=-1) - target_logit).mean()).item()
