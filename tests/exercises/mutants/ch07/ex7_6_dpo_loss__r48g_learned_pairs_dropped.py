# MUTANT: pairs whose loss is already tiny (below 1e-6, "learned") are left out of the mean, so
# the loss averages over fewer pairs whenever the policy is far ahead on some of them
import torch.nn.functional as F

EXPECTED_CAUSE = "were left out of the mean (a filter such as losses[losses > eps]"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = (model_chosen_logprobs - model_rejected_logprobs) - (
        reference_chosen_logprobs - reference_rejected_logprobs)
    losses = -F.logsigmoid(beta * logits)
    loss = losses[losses > 1e-6].mean()  # the learned pairs add nothing
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, chosen, rejected
