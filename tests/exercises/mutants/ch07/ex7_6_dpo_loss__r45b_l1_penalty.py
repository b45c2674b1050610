# MUTANT: a small L1 penalty on the logits added to each pair's loss (no replay: the fallback)
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = (model_chosen_logprobs - model_rejected_logprobs) - (
        reference_chosen_logprobs - reference_rejected_logprobs)
    losses = -F.logsigmoid(beta * logits) + 0.01 * logits.abs()
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return losses.mean(), chosen.mean(), rejected.mean()


EXPECTED_CAUSE = "plus 0.01 * |logits|: an extra term added to each pair's loss"
