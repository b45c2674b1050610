# MUTANT: the model is fed target_batch instead of input_batch
import torch

EXPECTED_CAUSE = "model read target_batch"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(target_batch)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
