# Correct: names reached through their modules (torch.utils.data.DataLoader, llmscratch.data,
# llmscratch.training) instead of imported names
import torch
import torch.utils.data

import llmscratch.data
import llmscratch.training


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    split_idx = int(train_ratio * len(text))
    loaders = []
    for part, drop_last in ((text[:split_idx], True), (text[split_idx:], False)):
        dataset = llmscratch.data.GPTDatasetV1(part, tokenizer, context_length, context_length)
        loaders.append(torch.utils.data.DataLoader(dataset, batch_size=batch_size,
                                                   shuffle=False, drop_last=drop_last))
    model.eval()
    with torch.no_grad():
        losses = [llmscratch.training.calc_loss_loader(ld, model, device) for ld in loaders]
    return losses[0], losses[1]
