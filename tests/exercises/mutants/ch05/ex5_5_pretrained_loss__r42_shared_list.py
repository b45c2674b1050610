# MUTANT: a helper's mutable default list collects the batch losses of both loaders, so the
# validation loss averages the training batches too; the fallback reads it from the batch losses
import torch
from torch.utils.data import DataLoader

from llmscratch import GPTDatasetV1, calc_loss_batch


def _mean_loss(loader, model, device, losses=[]):  # noqa: B006
    for input_batch, target_batch in loader:
        losses.append(calc_loss_batch(input_batch, target_batch, model, device).item())
    return sum(losses) / len(losses) if losses else float("nan")


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

EXPECTED_CAUSE = "the training AND validation batches together"
