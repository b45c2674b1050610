# MUTANT: the logits averaged over the pairs before the logsigmoid
import torch.nn.functional as F

EXPECTED_CAUSE = "the losses are averaged before the logsigmoid"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = (model_chosen_logprobs - model_rejected_logprobs) - (
        reference_chosen_logprobs - reference_rejected_logprobs)
    loss = -F.logsigmoid(beta * logits.mean())
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return loss, chosen.mean(), rejected.mean()
