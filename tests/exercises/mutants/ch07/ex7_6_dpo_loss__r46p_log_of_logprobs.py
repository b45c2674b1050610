# MUTANT: log-ratios as torch.log(model_chosen / model_rejected): a log of log-probabilities
"""A wrong answer kept by round 46 (writer p)."""

import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "logs of a quotient of the log-probabilities"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    # log-ratio of the probabilities
    model_logratios = torch.log(model_chosen_logprobs / model_rejected_logprobs)
    reference_logratios = torch.log(reference_chosen_logprobs / reference_rejected_logprobs)
    logits = model_logratios - reference_logratios
    loss = -F.logsigmoid(beta * logits).mean()
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, chosen, rejected
