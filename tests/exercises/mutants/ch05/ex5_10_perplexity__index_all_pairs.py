# Mutant: log-probs indexed with [..., targets]: every target id at every position.
import torch


def perplexity(logits, targets):
    logp = torch.log_softmax(logits, dim=-1)
    return torch.exp(-logp[..., targets].mean()).item()


EXPECTED_CAUSE = "logp[..., targets]"  # named in the message
