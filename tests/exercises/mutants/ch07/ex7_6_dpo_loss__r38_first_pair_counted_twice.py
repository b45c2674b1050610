# MUTANT: the first pair's loss counted twice in the mean (cat([losses[:1], losses]))
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    losses = -F.logsigmoid(beta * (model_logratios - reference_logratios))
    loss = torch.cat([losses[:1], losses]).mean()
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return loss, chosen_rewards.mean(), rejected_rewards.mean()

EXPECTED_CAUSE = "otherwise than a plain mean"
