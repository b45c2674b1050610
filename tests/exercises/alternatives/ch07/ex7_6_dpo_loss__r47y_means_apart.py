# Each reward as the mean of the policy's log-probabilities minus the mean of the reference's:
# the same number, rounded otherwise in float32 (about 1e-4 apart on log-probabilities near
# -2,000).
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - reference_chosen_logprobs)
              - (model_rejected_logprobs - reference_rejected_logprobs))
    loss = -F.logsigmoid(beta * logits).mean()
    chosen_rewards = (model_chosen_logprobs.detach().mean()
                      - reference_chosen_logprobs.detach().mean())
    rejected_rewards = (model_rejected_logprobs.detach().mean()
                        - reference_rejected_logprobs.detach().mean())
    return loss, chosen_rewards, rejected_rewards
