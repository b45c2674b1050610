# MUTANT: the rewards are returned as Python floats (.item()) instead of tensors
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    losses = -F.logsigmoid(beta * logits)
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).mean().item()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).mean().item()
    return losses.mean(), chosen_rewards, rejected_rewards


EXPECTED_CAUSE = 'return 0-d tensors'
