# MUTANT: only the chosen reward is detached; the rejected one stays attached to the graph
"""Exercise 7.6 (solution): the DPO loss (chapter 7 bonus).

This exercise is ours; the book has no exercise on it.

Check it with ``python -m llmscratch check ch07 --solutions``.
"""

import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    """The DPO loss and the mean rewards of the chosen and rejected answers.

    Inputs are ``(batch,)`` tensors of log-probabilities of the chosen and rejected answers
    under the policy (``model_*``) and under the frozen reference model (``reference_*``).

    - ``logits = (model_chosen - model_rejected) - (reference_chosen - reference_rejected)``
    - ``loss = mean(-logsigmoid(beta * logits))``
    - ``chosen_rewards = mean(model_chosen - reference_chosen)``, ``rejected_rewards`` the same
      with the rejected answers; both detached (they are only for monitoring).

    Return ``(loss, chosen_rewards, rejected_rewards)``. When the policy equals the reference
    the loss is ``ln 2 = 0.6931``. Example with ``beta=0.1``: policy ``(-1, -3)``, reference
    ``(-2, -2)`` (one pair) gives loss 0.5981, rewards 1.0 and -1.0.
    """
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    logits = model_logratios - reference_logratios
    losses = -F.logsigmoid(beta * logits)
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach()
    rejected_rewards = model_rejected_logprobs - reference_rejected_logprobs
    return losses.mean(), chosen_rewards.mean(), rejected_rewards.mean()

EXPECTED_CAUSE = "the rejected reward is still attached"
