# MUTANT: cross_entropy with label_smoothing=0.1
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                             label_smoothing=0.1)

EXPECTED_CAUSE = 'label smoothing'
