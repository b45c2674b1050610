# MUTANT: the logits and targets copied to the CPU (.cpu()) before cross_entropy: the loss is
# computed off the device passed in (invisible on a CPU-only machine)
import torch

EXPECTED_CAUSE = "the loss was computed on the CPU"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch = input_batch.to(device)
    logits = model(input_batch).cpu()
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.cpu().flatten())
