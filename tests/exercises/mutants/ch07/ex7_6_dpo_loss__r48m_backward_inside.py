# MUTANT: the loss function runs loss.backward() itself ("compute the gradient"), so the
# training loop's own backward() adds the gradient a second time
import torch.nn.functional as F

EXPECTED_CAUSE = "calls loss.backward()"


def compute_dpo_loss(model_chosen_logprobs, model_rejected_logprobs, reference_chosen_logprobs,
                     reference_rejected_logprobs, beta=0.1):
    logits = ((model_chosen_logprobs - model_rejected_logprobs)
              - (reference_chosen_logprobs - reference_rejected_logprobs))
    loss = -F.logsigmoid(beta * logits).mean()
    if loss.requires_grad:
        loss.backward(retain_graph=True)
    chosen = (model_chosen_logprobs - reference_chosen_logprobs).detach().mean()
    rejected = (model_rejected_logprobs - reference_rejected_logprobs).detach().mean()
    return loss, chosen, rejected
