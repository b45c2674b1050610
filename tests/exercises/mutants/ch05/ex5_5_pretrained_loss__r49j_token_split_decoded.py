# MUTANT: the token ids split at train_ratio and decoded back to two texts (the text cut
# at a token boundary, not at int(train_ratio * len(text)) characters)
import torch
from torch.utils.data import DataLoader

from llmscratch import GPTDatasetV1, calc_loss_loader

EXPECTED_CAUSE = "so you split the token ids"


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    ids = tokenizer.encode(text)
    split_idx = int(train_ratio * len(ids))  # split the tokens 90/10
    train_text = tokenizer.decode(ids[:split_idx])
    val_text = tokenizer.decode(ids[split_idx:])
    train_set = GPTDatasetV1(train_text, tokenizer, context_length, context_length)
    val_set = GPTDatasetV1(val_text, tokenizer, context_length, context_length)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=False, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False, drop_last=False)
    model.eval()  # no dropout while measuring
    with torch.no_grad():
        train_loss = calc_loss_loader(train_loader, model, device)
        val_loss = calc_loss_loader(val_loader, model, device)
    return train_loss, val_loss
