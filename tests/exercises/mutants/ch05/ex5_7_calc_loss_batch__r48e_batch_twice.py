# MUTANT: each position's mean loss over the batch added over the positions, then divided by
# the batch size again (the sum over tokens divided by the batch size twice).
import torch

EXPECTED_CAUSE = "divided by the batch size twice"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    per_token = torch.nn.functional.cross_entropy(logits.transpose(1, 2), target_batch,
                                                  reduction="none")  # (batch, num_tokens)
    return per_token.mean(dim=0).sum() / input_batch.shape[0]
