# MUTANT: the logits flattened per sequence (reshape(batch, -1): the token and vocabulary
# dimensions joined) while the targets are flattened whole
import torch

EXPECTED_CAUSE = "joins the token and vocabulary dimensions"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.reshape(logits.shape[0], -1),
                                             target_batch.flatten())
