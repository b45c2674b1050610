# Correct: the mean of calc_loss_batch over all batches written out (no calc_loss_loader),
# a sum of floats divided by len(loader)
import torch
from torch.utils.data import DataLoader

from llmscratch import GPTDatasetV1, calc_loss_batch


def _mean_loss(loader, model, device):
    if len(loader) == 0:
        return float("nan")
    total = 0.0
    for inputs, targets in loader:
        total += calc_loss_batch(inputs, targets, model, device).item()
    return total / len(loader)


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    split_idx = int(train_ratio * len(text))
    train_set = GPTDatasetV1(text[:split_idx], tokenizer, context_length, context_length)
    val_set = GPTDatasetV1(text[split_idx:], tokenizer, context_length, context_length)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=False, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False, drop_last=False)
    model.eval()
    with torch.no_grad():
        return _mean_loss(train_loader, model, device), _mean_loss(val_loader, model, device)
