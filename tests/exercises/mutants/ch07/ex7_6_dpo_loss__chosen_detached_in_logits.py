# MUTANT: model_chosen_logprobs detached inside the logits: the loss value is right, its
# gradient never reaches the chosen answers
import torch.nn.functional as F

EXPECTED_CAUSE = "part of the loss is cut from the graph"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_chosen_logprobs.detach() - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    losses = -F.logsigmoid(beta * (model_logratios - reference_logratios))
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen_rewards.mean(), rejected_rewards.mean()
