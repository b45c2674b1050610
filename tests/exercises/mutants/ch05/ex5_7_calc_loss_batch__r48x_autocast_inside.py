# MUTANT: the forward pass and the loss wrapped in torch.autocast (bfloat16), copied from a
# mixed-precision training loop: the logits come from bfloat16 matrix products.
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    with torch.autocast(device_type=torch.device(device).type, dtype=torch.bfloat16):
        logits = model(input_batch)
        return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())


EXPECTED_CAUSE = "ran under torch.autocast"
