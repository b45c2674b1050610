# MUTANT: a hand-written stable softplus(-x) with x + log1p(exp(x)) in its x < 0 branch
import torch


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    x = beta * (model_logratios - reference_logratios)
    # -logsigmoid(x) = softplus(-x), written without overflow in each branch
    losses = torch.where(x >= 0, torch.log1p(torch.exp(-x)), x + torch.log1p(torch.exp(x)))
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen_rewards.mean(), rejected_rewards.mean()

EXPECTED_CAUSE = "whose beta * logits is negative differ"
