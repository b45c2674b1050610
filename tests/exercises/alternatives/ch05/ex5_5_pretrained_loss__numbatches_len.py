# Correct: num_batches=len(loader) passed explicitly (all batches), a helper building each loader
import torch
from torch.utils.data import DataLoader

from llmscratch import GPTDatasetV1, calc_loss_loader


def _loader(text, tokenizer, context_length, batch_size, drop_last):
    dataset = GPTDatasetV1(text, tokenizer, context_length, context_length)
    return DataLoader(dataset, batch_size=batch_size, shuffle=False, drop_last=drop_last)


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    split_idx = int(train_ratio * len(text))
    loaders = (_loader(text[:split_idx], tokenizer, context_length, batch_size, True),
               _loader(text[split_idx:], tokenizer, context_length, batch_size, False))
    model.eval()
    with torch.no_grad():
        train_loss, val_loss = (calc_loss_loader(ld, model, device, num_batches=len(ld))
                                for ld in loaders)
    return train_loss, val_loss
