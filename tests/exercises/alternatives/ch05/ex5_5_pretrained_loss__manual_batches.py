# Correct: batches built by hand (torch.stack over consecutive windows) instead of a DataLoader,
# the list of batches passed to calc_loss_loader; set_grad_enabled(False)
import torch

from llmscratch import GPTDatasetV1, calc_loss_loader


def _batches(dataset, batch_size, drop_last):
    out = []
    for start in range(0, len(dataset), batch_size):
        items = [dataset[i] for i in range(start, min(start + batch_size, len(dataset)))]
        if drop_last and len(items) < batch_size:
            break
        out.append((torch.stack([x for x, _ in items]), torch.stack([y for _, y in items])))
    return out


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    split_idx = int(train_ratio * len(text))
    train_set = GPTDatasetV1(text[:split_idx], tokenizer, context_length, context_length)
    val_set = GPTDatasetV1(text[split_idx:], tokenizer, context_length, context_length)
    model.eval()
    with torch.set_grad_enabled(False):
        train_loss = calc_loss_loader(_batches(train_set, batch_size, True), model, device)
        val_loss = calc_loss_loader(_batches(val_set, batch_size, False), model, device)
    return train_loss, val_loss
