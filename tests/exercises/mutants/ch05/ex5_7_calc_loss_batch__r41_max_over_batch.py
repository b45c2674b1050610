# MUTANT: a hand-written cross-entropy subtracts the max over dim 0 (the batch) instead of
# over the vocabulary before its log-softmax
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    logp = torch.log_softmax(logits - logits.max(dim=0, keepdim=True).values, dim=-1)
    return -logp.gather(-1, target_batch.unsqueeze(-1)).mean()

EXPECTED_CAUSE = "taken over dim 0 (the batch)"
