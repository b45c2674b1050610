# Correct: logits regrouped as chosen log-ratio minus rejected log-ratio; rewards under no_grad
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    chosen_logratio = model_chosen_logprobs - reference_chosen_logprobs
    rejected_logratio = model_rejected_logprobs - reference_rejected_logprobs
    logits = chosen_logratio - rejected_logratio  # same value, terms regrouped
    loss = torch.mean(-F.logsigmoid(beta * logits))
    with torch.no_grad():
        chosen_rewards = chosen_logratio.mean()
        rejected_rewards = rejected_logratio.mean()
    return loss, chosen_rewards, rejected_rewards
