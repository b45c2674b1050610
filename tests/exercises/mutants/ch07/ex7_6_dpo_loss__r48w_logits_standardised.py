# MUTANT: the logits standardised over the batch ((x - mean) / std, as PPO advantages)
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    if logits.numel() > 1:  # normalise like advantages in PPO
        logits = (logits - logits.mean()) / (logits.std() + 1e-8)
    loss = -F.logsigmoid(beta * logits).mean()
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, chosen, rejected


EXPECTED_CAUSE = "the logits are standardised over the batch"
