# MUTANT: hand-written average divides by the last enumerate index (number of batches - 1)
import torch
from torch.utils.data import DataLoader

from llmscratch import GPTDatasetV1, calc_loss_batch, calc_loss_loader


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    split_idx = int(train_ratio * len(text))
    train_set = GPTDatasetV1(text[:split_idx], tokenizer, context_length, context_length)
    val_set = GPTDatasetV1(text[split_idx:], tokenizer, context_length, context_length)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=False, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False, drop_last=False)
    model.eval()
    with torch.no_grad():
        losses = []
        for loader in (train_loader, val_loader):
            total = 0.0
            for i, (x, y) in enumerate(loader):
                total += calc_loss_batch(x, y, model, device).item()
            losses.append(total / max(i, 1))
        train_loss, val_loss = losses
    return train_loss, val_loss


EXPECTED_CAUSE = 'number of batches minus 1'
