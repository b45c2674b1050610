# MUTANT: the logits divided by the batch's largest log-ratio (clamped at 1) to keep them small
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    # normalise by the answer lengths' scale to keep the logits small
    policy = model_chosen_logprobs - model_rejected_logprobs
    ref = reference_chosen_logprobs - reference_rejected_logprobs
    scale = torch.maximum(policy.abs().max(), ref.abs().max()).clamp(min=1.0).detach()
    logits = (policy - ref) / scale
    loss = -F.logsigmoid(beta * logits).mean()
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, chosen, rejected

EXPECTED_CAUSE = "divided by their own size"
