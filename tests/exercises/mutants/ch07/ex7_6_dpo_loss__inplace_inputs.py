# MUTANT: subtracts in place (-=): the caller's log-probability tensors are changed
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    chosen = model_chosen_logprobs.detach()
    rejected = model_rejected_logprobs.detach()
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    losses = -F.logsigmoid(beta * logits)
    chosen -= reference_chosen_logprobs
    rejected -= reference_rejected_logprobs
    return losses.mean(), chosen.mean(), rejected.mean()


EXPECTED_CAUSE = 'in place'
