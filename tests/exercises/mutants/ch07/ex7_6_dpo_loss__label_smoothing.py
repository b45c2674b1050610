# MUTANT: conservative DPO with label smoothing 0.1 (TRL's cDPO) instead of the plain loss
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    eps = 0.1
    losses = -(1 - eps) * F.logsigmoid(beta * logits) - eps * F.logsigmoid(-beta * logits)
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return losses.mean(), chosen, rejected


EXPECTED_CAUSE = 'label smoothing 0.1'
