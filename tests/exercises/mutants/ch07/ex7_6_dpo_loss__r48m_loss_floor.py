# MUTANT: each pair's loss is clamped from below at 0.05 "so a pair the policy already ranks
# well still contributes": the pairs with beta * logits far above 0 lose their true ~0 loss
import torch.nn.functional as F

EXPECTED_CAUSE = "each pair's loss is held at a floor"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    losses = (-F.logsigmoid(beta * logits)).clamp(min=0.05)
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return losses.mean(), chosen, rejected
