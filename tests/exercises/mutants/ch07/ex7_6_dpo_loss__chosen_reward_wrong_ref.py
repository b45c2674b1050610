# MUTANT: chosen reward with the reference's rejected log-probs (model_chosen - reference_rejected)
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    loss = -F.logsigmoid(beta * logits).mean()
    cr = (model_chosen_logprobs - reference_rejected_logprobs).detach().mean()
    rr = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, cr, rr


EXPECTED_CAUSE = 'the chosen reward uses reference_rejected_logprobs'
