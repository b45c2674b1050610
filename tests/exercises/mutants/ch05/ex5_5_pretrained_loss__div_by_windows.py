# Mutant: summed batch losses divided by the number of windows, not batches.
import torch
from torch.utils.data import DataLoader

from llmscratch import GPTDatasetV1, calc_loss_loader


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    split_idx = int(train_ratio * len(text))
    train_set = GPTDatasetV1(text[:split_idx], tokenizer, context_length, context_length)
    val_set = GPTDatasetV1(text[split_idx:], tokenizer, context_length, context_length)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=False, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False, drop_last=False)
    model.eval()
    losses = []
    with torch.no_grad():
        for loader in (train_loader, val_loader):
            total = 0.0
            for x, y in loader:
                logits = model(x.to(device))
                total += torch.nn.functional.cross_entropy(
                    logits.flatten(0, 1), y.to(device).flatten()).item()
            losses.append(total / len(loader.dataset))
    return losses[0], losses[1]

EXPECTED_CAUSE = "divided by the number of WINDOWS"
