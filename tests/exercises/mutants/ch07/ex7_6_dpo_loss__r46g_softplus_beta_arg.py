# MUTANT: the loss written as F.softplus(-logits, beta=beta): softplus's own beta argument
# computes softplus(beta * x) / beta, so the loss comes out divided by beta
import torch.nn.functional as F


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    loss = F.softplus(-logits, beta=beta).mean()  # softplus(-x) = -logsigmoid(x)
    chosen_rewards = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected_rewards = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, chosen_rewards, rejected_rewards


EXPECTED_CAUSE = "f.softplus(-logits, beta=beta) divides too"
