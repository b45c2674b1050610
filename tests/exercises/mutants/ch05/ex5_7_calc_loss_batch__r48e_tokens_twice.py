# MUTANT: each sequence's mean loss added over the batch, then divided by num_tokens again
# (the sum over tokens divided by num_tokens twice instead of by batch x num_tokens).
import torch

EXPECTED_CAUSE = "divided by num_tokens twice"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    logp = torch.log_softmax(logits, dim=-1)
    picked = logp.gather(-1, target_batch.unsqueeze(-1)).squeeze(-1)  # (batch, num_tokens)
    return -picked.mean(dim=1).sum() / input_batch.shape[1]
