# Mutant: sum divided by num_tokens only (mean per sequence summed over batch).
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                             reduction='sum') / target_batch.shape[1]


EXPECTED_CAUSE = 'divided by num_tokens'
