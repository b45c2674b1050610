# MUTANT: beta = beta or 0.1 treats an explicit beta=0 as "not given" and uses 0.1
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    beta = beta or 0.1
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    losses = -F.logsigmoid(beta * logits)
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen.mean(), rejected.mean()


EXPECTED_CAUSE = "takes an explicit 0 for a missing beta"
