# MUTANT: the loss averaged only over the pairs the policy still ranks wrongly (logits < 0)
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    losses = -F.logsigmoid(beta * logits)
    wrong = logits < 0  # the pairs with something left to learn
    loss = losses[wrong].mean() if wrong.any() else losses.mean()
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, chosen_rewards, rejected_rewards


EXPECTED_CAUSE = "only the pairs the policy ranks wrongly"
