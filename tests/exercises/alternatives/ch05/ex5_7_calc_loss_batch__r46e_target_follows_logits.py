# ALTERNATIVE: only the input moved to `device`; the targets follow the logits' device
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch = input_batch.to(device)
    logits = model(input_batch)
    target_batch = target_batch.to(logits.device)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
