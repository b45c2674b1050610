# Correct: -logsigmoid(z) written as softplus(-z), the same stable function
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    loss = F.softplus(-beta * logits).mean()
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).mean().detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).mean().detach()
    return loss, chosen_rewards, rejected_rewards
