# MUTANT: the loss reduced with the median instead of the mean
import torch.nn.functional as F

EXPECTED_CAUSE = "reduced with the median"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = (model_chosen_logprobs - model_rejected_logprobs) - (
        reference_chosen_logprobs - reference_rejected_logprobs)
    loss = -F.logsigmoid(beta * logits).median()
    cr = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rr = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, cr, rr
