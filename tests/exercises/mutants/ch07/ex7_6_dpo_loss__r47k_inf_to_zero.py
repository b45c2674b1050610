# MUTANT: -log(sigmoid(x)) with its infinite losses replaced by 0 (torch.nan_to_num)
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    losses = -torch.log(torch.sigmoid(beta * logits))
    losses = torch.nan_to_num(losses, posinf=0.0)  # guard against inf
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return losses.mean(), chosen_rewards, rejected_rewards


EXPECTED_CAUSE = "infinite losses are replaced by 0"
