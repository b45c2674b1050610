# ALTERNATIVE: the cross-entropy computed in float64 and cast back to the logits' dtype
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1).double(), target_batch.flatten())
    return loss.to(logits.dtype)
