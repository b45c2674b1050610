# MUTANT: the whole text is cut into windows and the windows are split 90/10 instead of
#   splitting the text
import torch
from torch.utils.data import DataLoader, Subset

from llmscratch import GPTDatasetV1, calc_loss_loader

EXPECTED_CAUSE = "the windows were split, not the text"


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    full = GPTDatasetV1(text, tokenizer, context_length, context_length)
    n_train = int(train_ratio * len(full))
    train_set = Subset(full, range(n_train))
    val_set = Subset(full, range(n_train, len(full)))
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=False, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False, drop_last=False)
    model.eval()
    with torch.no_grad():
        train_loss = calc_loss_loader(train_loader, model, device)
        return train_loss, calc_loss_loader(val_loader, model, device)
