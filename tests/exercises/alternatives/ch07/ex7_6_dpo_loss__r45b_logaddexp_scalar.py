# Correct: -logsigmoid(z) as logaddexp(0, -z) with a 0-d CPU zero (keeps dtype and
# device)
import torch


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = (model_chosen_logprobs - model_rejected_logprobs) - (
        reference_chosen_logprobs - reference_rejected_logprobs)
    losses = torch.logaddexp(torch.tensor(0.0), -beta * logits)
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen.mean(), rejected.mean()
