# Correct: loss per token as logsumexp minus the target logit, under no_grad, exp().item()
import torch


def perplexity(logits, targets):
    with torch.no_grad():
        target_logits = logits.gather(-1, targets[..., None])[..., 0]  # (batch, num_tokens)
        nll = torch.logsumexp(logits, dim=-1) - target_logits
        return nll.mean().exp().item()
