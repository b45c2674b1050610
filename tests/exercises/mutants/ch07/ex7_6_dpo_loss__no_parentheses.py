# MUTANT: a - b - c - d: missing parentheses
"""Exercise 7.6 (solution): the DPO loss (chapter 7 bonus)."""

import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = (model_chosen_logprobs - model_rejected_logprobs
              - reference_chosen_logprobs - reference_rejected_logprobs)
    losses = -F.logsigmoid(beta * logits)
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen_rewards.mean(), rejected_rewards.mean()


EXPECTED_CAUSE = 'parentheses are missing'
