# MUTANT: a hand-made stable softplus with torch.where evaluates exp() of both branches; the
# unused one overflows for large margins, and its inf times zero makes the gradient nan
# (the loss value is right)
import torch


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    z = beta * (model_logratios - reference_logratios)
    # -logsigmoid(z) = softplus(-z), written stably by hand
    losses = torch.where(z > 0, torch.log1p(torch.exp(-z)), -z + torch.log1p(torch.exp(z)))
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen_rewards.mean(), rejected_rewards.mean()

EXPECTED_CAUSE = "0 * inf = nan"
