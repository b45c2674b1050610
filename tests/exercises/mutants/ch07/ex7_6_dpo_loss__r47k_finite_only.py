# MUTANT: -log(sigmoid(x)) with the infinite losses left out of the mean
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    losses = -torch.log(torch.sigmoid(beta * logits))
    losses = losses[torch.isfinite(losses)]  # skip the pairs that blew up
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return losses.mean(), chosen_rewards, rejected_rewards


EXPECTED_CAUSE = "infinite losses are left out of the mean"
