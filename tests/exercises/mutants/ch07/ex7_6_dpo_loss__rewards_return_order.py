# Mutant: the rewards are right but returned as (loss, rejected, chosen).
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    losses = -F.logsigmoid(beta * logits)
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), rejected_rewards.mean(), chosen_rewards.mean()


EXPECTED_CAUSE = "returned in swapped order: return (loss, chosen_rewards, rejected_rewards) (seen"
