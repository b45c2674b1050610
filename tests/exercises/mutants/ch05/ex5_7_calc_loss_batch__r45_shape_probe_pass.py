# MUTANT: an extra forward pass to read the vocabulary size (other dropout masks for the pass that
#   is scored)
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    vocab_size = model(input_batch[:1]).shape[-1]
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.reshape(-1, vocab_size),
                                             target_batch.reshape(-1))

EXPECTED_CAUSE = "an extra pass"  # named in the message
