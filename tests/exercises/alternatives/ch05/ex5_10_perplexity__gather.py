# Correct: mean negative log-likelihood gathered by hand, math.exp on the Python float
import math

import torch


def perplexity(logits, targets):
    log_probas = torch.log_softmax(logits, dim=-1)
    nll = -log_probas.gather(-1, targets.unsqueeze(-1)).squeeze(-1)  # (batch, num_tokens)
    return math.exp(nll.mean().item())
