# MUTANT: a two-way log-softmax taken over the batch dimension instead of the pair's
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    chosen = model_chosen_logprobs - reference_chosen_logprobs
    rejected = model_rejected_logprobs - reference_rejected_logprobs
    # a two-way softmax: the chosen answer should win over the rejected one
    scores = beta * torch.stack([chosen, rejected])          # (2, batch)
    loss = -F.log_softmax(scores, dim=-1)[0].mean()
    return loss, chosen.detach().mean(), rejected.detach().mean()


EXPECTED_CAUSE = "the log-softmax runs over the pairs of the batch"
