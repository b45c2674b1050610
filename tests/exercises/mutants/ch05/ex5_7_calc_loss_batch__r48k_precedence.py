# MUTANT: the summed loss written total / b * t (Python divides, then multiplies): the mean times
# num_tokens squared
import torch

EXPECTED_CAUSE = "which python reads as (total / batch) * num_tokens"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    logp = torch.log_softmax(logits, dim=-1)
    picked = logp.gather(-1, target_batch.unsqueeze(-1)).squeeze(-1)
    b, t = target_batch.shape
    return -picked.sum() / b * t
