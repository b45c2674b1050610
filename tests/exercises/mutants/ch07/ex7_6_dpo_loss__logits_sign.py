# MUTANT: both log-ratios taken rejected minus chosen
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_rejected_logprobs - model_chosen_logprobs
    reference_logratios = reference_rejected_logprobs - reference_chosen_logprobs
    losses = -F.logsigmoid(beta * (model_logratios - reference_logratios))
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen.mean(), rejected.mean()


EXPECTED_CAUSE = "log-ratios are rejected minus chosen"
