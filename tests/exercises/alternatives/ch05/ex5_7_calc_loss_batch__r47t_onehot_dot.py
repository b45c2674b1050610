# Correct: minus the mean over tokens of log_softmax times one-hot targets (a dot product)
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    logp = torch.log_softmax(logits, dim=-1)
    onehot = torch.nn.functional.one_hot(target_batch, logits.shape[-1]).to(logp.dtype)
    return -(logp * onehot).sum(-1).mean()
