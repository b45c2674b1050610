# MUTANT: the model moved to a hard-coded 'cpu' inside calc_loss_batch (on a GPU run it leaves
# the batches, moved to device, behind)
import torch

EXPECTED_CAUSE = "moved the model to cpu"


def calc_loss_batch(input_batch, target_batch, model, device):
    model = model.to("cpu")  # make sure the model is where the data is
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
