# MUTANT: log-ratios computed through exp(): underflow for very negative log-probabilities
import torch
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    policy = torch.log(torch.exp(model_chosen_logprobs) / torch.exp(model_rejected_logprobs))
    ref = torch.log(torch.exp(reference_chosen_logprobs) / torch.exp(reference_rejected_logprobs))
    loss = -F.logsigmoid(beta * (policy - ref)).mean()
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, chosen, rejected

EXPECTED_CAUSE = "never leave log space"
