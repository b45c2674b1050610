# MUTANT: only the forward pass under torch.autocast (bfloat16); the loss is taken after the
# block, on the bfloat16 logits (a bfloat16 cross_entropy).
import torch

EXPECTED_CAUSE = "ran under torch.autocast"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    with torch.autocast(device_type=torch.device(device).type, dtype=torch.bfloat16):
        logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
