# MUTANT: the per-pair losses go into a buffer made without device= (always on the CPU)
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    n = model_chosen_logprobs.shape[0]
    losses = torch.empty(n, dtype=model_chosen_logprobs.dtype)
    for i in range(n):
        logit = ((model_chosen_logprobs[i] - model_rejected_logprobs[i])
                 - (reference_chosen_logprobs[i] - reference_rejected_logprobs[i]))
        losses[i] = -F.logsigmoid(beta * logit)
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen_rewards.mean(), rejected_rewards.mean()


EXPECTED_CAUSE = "a tensor made without device="
