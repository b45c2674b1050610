# MUTANT: the losses of the pairs not ranked wrongly (logits >= 0) set to 0 before the mean
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    losses = -F.logsigmoid(beta * logits)
    losses = torch.where(logits < 0, losses, torch.zeros_like(losses))  # right pairs: done
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return losses.mean(), chosen_rewards, rejected_rewards


EXPECTED_CAUSE = "does not rank wrongly (logits >= 0"
