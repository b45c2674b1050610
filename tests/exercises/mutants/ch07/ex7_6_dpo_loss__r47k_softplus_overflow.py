# MUTANT: -logsigmoid written as log1p(exp(x)) - x, which overflows to inf for large positive x
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    x = beta * logits
    losses = torch.log1p(torch.exp(x)) - x  # -log(sigmoid(x)), by hand
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return losses.mean(), chosen_rewards, rejected_rewards


EXPECTED_CAUSE = "takes exp() of a large positive x"
