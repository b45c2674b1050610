# MUTANT: the rewards are the log-ratios: policy (chosen - rejected), reference (same)
import torch.nn.functional as F

EXPECTED_CAUSE = "your chosen reward is mean(model_chosen - model_rejected)"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    model_logratios = model_chosen_logprobs - model_rejected_logprobs
    reference_logratios = reference_chosen_logprobs - reference_rejected_logprobs
    loss = -F.logsigmoid(beta * (model_logratios - reference_logratios)).mean()
    return loss, model_logratios.detach().mean(), reference_logratios.detach().mean()
