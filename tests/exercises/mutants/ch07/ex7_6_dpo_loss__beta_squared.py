# MUTANT: beta applied twice (beta * beta * logits)
import torch.nn.functional as F

EXPECTED_CAUSE = "beta is applied twice"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = beta * (model_chosen_logprobs - model_rejected_logprobs)
    reference_logratios = beta * (reference_chosen_logprobs - reference_rejected_logprobs)
    logits = model_logratios - reference_logratios
    loss = -F.logsigmoid(beta * logits).mean()
    cr = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rr = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, cr, rr
