# MUTANT: an IPO-style squared loss (logits - 1/(2 beta))**2 instead of -logsigmoid
import torch.nn.functional as F

EXPECTED_CAUSE = "IPO's squared error"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = (model_chosen_logprobs - model_rejected_logprobs) - (
        reference_chosen_logprobs - reference_rejected_logprobs)
    loss = ((logits - 1 / (2 * beta)) ** 2).mean()
    cr = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rr = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, cr, rr
