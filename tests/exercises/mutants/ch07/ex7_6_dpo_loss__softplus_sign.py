# MUTANT: softplus(beta * logits), the sign inside wrong (-logsigmoid(x) = softplus(-x))
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return F.softplus(beta * logits).mean(), chosen.mean(), rejected.mean()


EXPECTED_CAUSE = "softplus(beta * logits) is the same slip"
