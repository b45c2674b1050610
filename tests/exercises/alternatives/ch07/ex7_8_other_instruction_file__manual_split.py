# Correct: the book's split written out (train 85%, test 10%, validation the rest), gradients reset
# with p.grad = None, json.load
import json

import torch

from llmscratch import create_instruction_dataloaders
from llmscratch.training import calc_loss_batch, calc_loss_loader


def finetune_on_file(file_path, model, tokenizer, num_epochs=2, batch_size=4, lr=1e-3,
                     allowed_max_length=64, device="cpu", seed=123):
    with open(file_path, encoding="utf-8") as f:
        data = json.load(f)
    train_end = int(len(data) * 0.85)
    test_end = train_end + int(len(data) * 0.1)
    train_data, test_data, val_data = data[:train_end], data[train_end:test_end], data[test_end:]
    train_loader, val_loader, _ = create_instruction_dataloaders(
        train_data, val_data, test_data, tokenizer, batch_size=batch_size,
        allowed_max_length=allowed_max_length, device=device, seed=seed)
    params = list(model.parameters())
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.1)
    train_losses, val_losses = [], []
    for _ in range(num_epochs):
        model.train()
        for input_batch, target_batch in train_loader:
            for p in params:
                p.grad = None
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            train_losses.append(calc_loss_loader(train_loader, model, device))
            val_losses.append(calc_loss_loader(val_loader, model, device))
    return {"n_train": len(train_data), "n_val": len(val_data), "n_test": len(test_data),
            "train_losses": train_losses, "val_losses": val_losses}
