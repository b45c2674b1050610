# MUTANT: logits as chosen reward plus rejected reward, (mc - rc) + (mr - rr)
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    mc, mr = model_chosen_logprobs, model_rejected_logprobs
    rc, rr = reference_chosen_logprobs, reference_rejected_logprobs
    logits = (mc - rc) + (mr - rr)
    loss = (-F.logsigmoid(beta * logits)).mean()
    chosen_rewards = (mc - rc).detach().mean()
    rejected_rewards = (mr - rr).detach().mean()
    return loss, chosen_rewards, rejected_rewards

EXPECTED_CAUSE = "the logits add the two rewards"
