# MUTANT: divides the logits by beta (beta used like a temperature) instead of multiplying
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    loss = -F.logsigmoid(logits / beta).mean()
    cr = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rr = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, cr, rr


EXPECTED_CAUSE = 'divided by beta'
