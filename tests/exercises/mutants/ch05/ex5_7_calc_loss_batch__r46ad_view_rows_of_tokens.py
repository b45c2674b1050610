# MUTANT: the logits reshaped with view(-1, logits.shape[1]), rows as long as the number of
# tokens instead of the vocabulary size (cross_entropy then sees more rows than targets)
import torch

EXPECTED_CAUSE = "a row length taken from logits.shape[1]"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.view(-1, logits.shape[1]),
                                             target_batch.view(-1))
