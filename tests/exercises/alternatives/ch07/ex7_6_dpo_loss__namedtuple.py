# Correct: the three values returned in a NamedTuple (a tuple subclass), torch.nn.functional spelled
# out
from typing import NamedTuple

import torch


class DPOResult(NamedTuple):
    loss: torch.Tensor
    chosen_rewards: torch.Tensor
    rejected_rewards: torch.Tensor


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    policy_margin = model_chosen_logprobs - model_rejected_logprobs
    reference_margin = reference_chosen_logprobs - reference_rejected_logprobs
    losses = -torch.nn.functional.logsigmoid(beta * (policy_margin - reference_margin))
    return DPOResult(
        losses.mean(),
        (model_chosen_logprobs.detach() - reference_chosen_logprobs.detach()).mean(),
        (model_rejected_logprobs.detach() - reference_rejected_logprobs.detach()).mean(),
    )
