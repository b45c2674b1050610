# MUTANT: returns (chosen_rewards, rejected_rewards, loss): the loss returned last
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    loss = -F.logsigmoid(beta * logits).mean()
    cr = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rr = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return cr, rr, loss


EXPECTED_CAUSE = 'the loss is returned last'
