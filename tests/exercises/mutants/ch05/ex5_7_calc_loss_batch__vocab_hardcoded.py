# Mutant: logits reshaped with GPT-2's vocabulary size 50257 hard-coded
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.cross_entropy(logits.reshape(-1, 50257), target_batch.flatten())


EXPECTED_CAUSE = 'a reshape with a size fixed in the code (50257)'
