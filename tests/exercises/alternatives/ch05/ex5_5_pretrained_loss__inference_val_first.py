# Correct: model.eval() first, keyword arguments, torch.inference_mode, validation loss computed
# first
import torch
from torch.utils.data import DataLoader

from llmscratch import GPTDatasetV1, calc_loss_loader


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    model.eval()
    split_idx = int(train_ratio * len(text))
    train_text, val_text = text[:split_idx], text[split_idx:]
    val_loader = DataLoader(
        GPTDatasetV1(val_text, tokenizer, max_length=context_length, stride=context_length),
        batch_size=batch_size, shuffle=False, drop_last=False, num_workers=0)
    train_loader = DataLoader(
        GPTDatasetV1(train_text, tokenizer, max_length=context_length, stride=context_length),
        batch_size=batch_size, shuffle=False, drop_last=True, num_workers=0)
    with torch.inference_mode():
        val_loss = calc_loss_loader(val_loader, model, device)
        train_loss = calc_loss_loader(train_loader, model, device)
    return train_loss, val_loss
