# MUTANT: the logsigmoid taken of each log-ratio apart and the two subtracted,
# -(logsigmoid(beta * policy log-ratio) - logsigmoid(beta * reference log-ratio))
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    loss = -(F.logsigmoid(beta * model_logratios) - F.logsigmoid(beta * reference_logratios))
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss.mean(), chosen_rewards, rejected_rewards


EXPECTED_CAUSE = "the logsigmoid is applied to each log-ratio apart"
