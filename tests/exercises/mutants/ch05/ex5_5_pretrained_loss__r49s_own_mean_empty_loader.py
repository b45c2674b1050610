# MUTANT: a mean of its own, total / len(loader), which divides by 0 when a loader has no
# batches (a batch size above the number of training windows); calc_loss_loader gives nan
import torch
from torch.utils.data import DataLoader

from llmscratch import GPTDatasetV1, calc_loss_batch

EXPECTED_CAUSE = "divided by len(loader)"


def _mean_loss(loader, model, device):
    total = 0.0
    for x, y in loader:
        total += calc_loss_batch(x, y, model, device).item()
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
        train_loss = _mean_loss(train_loader, model, device)
        val_loss = _mean_loss(val_loader, model, device)
    return train_loss, val_loss
