# MUTANT: the rewards are summed and divided by the number of pairs plus one
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    losses = -F.logsigmoid(beta * (model_logratios - reference_logratios))
    n = len(model_chosen_logprobs)
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    chosen_rewards = chosen_rewards.sum() / (n + 1)
    rejected_rewards = rejected_rewards.sum() / (n + 1)
    return losses.mean(), chosen_rewards, rejected_rewards

EXPECTED_CAUSE = "divided by n + 1"
