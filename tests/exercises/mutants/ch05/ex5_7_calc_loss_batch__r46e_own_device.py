# MUTANT: the device argument ignored: the batches moved to a device chosen inside the function
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())


EXPECTED_CAUSE = "not to the device passed in"
