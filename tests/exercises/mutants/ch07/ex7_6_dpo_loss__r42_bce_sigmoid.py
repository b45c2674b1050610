# MUTANT: the loss is binary_cross_entropy(sigmoid(beta * logits), ones): BCE clamps log(p) at
# -100 and sigmoid rounds to 0 or 1, so large margins give a capped loss (100) or 0
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    logits = model_logratios - reference_logratios
    probs = torch.sigmoid(beta * logits)
    loss = F.binary_cross_entropy(probs, torch.ones_like(probs))
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach()
    return loss, chosen_rewards.mean(), rejected_rewards.mean()

EXPECTED_CAUSE = "binary_cross_entropy(sigmoid(beta * logits), ones)"
