# MUTANT: the reference log-ratio averaged over the batch (one baseline for all pairs)
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    # the reference is frozen: one baseline for the batch
    reference_logratio = (reference_chosen_logprobs - reference_rejected_logprobs).mean()
    logits = model_logratios - reference_logratio
    loss = -F.logsigmoid(beta * logits).mean()
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, chosen, rejected


EXPECTED_CAUSE = "the reference's log-ratio is averaged over the batch"
