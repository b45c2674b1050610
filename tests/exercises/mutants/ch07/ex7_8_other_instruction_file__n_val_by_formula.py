# MUTANT: the returned n_val and n_test computed by hand as int(len * 0.05) and int(len * 0.10)
#   (validation is the rest, not int(len * 0.05))
import torch

from llmscratch import (
    create_instruction_dataloaders,
    download_and_load_file,
    split_instruction_data,
)
from llmscratch.training import calc_loss_loader  # the chapter-5 next-token loss


def finetune_on_file(file_path, model, tokenizer, num_epochs=2, batch_size=4, lr=1e-3,
                     allowed_max_length=64, device="cpu", seed=123):
    data = download_and_load_file(file_path)
    train_data, val_data, test_data = split_instruction_data(data)
    train_loader, val_loader, _ = create_instruction_dataloaders(
        train_data, val_data, test_data, tokenizer, batch_size=batch_size,
        allowed_max_length=allowed_max_length, device=device, seed=seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.1)
    train_losses, val_losses = [], []
    for _ in range(num_epochs):
        model.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            logits = model(input_batch)
            loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1),
                                                     target_batch.flatten())
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            train_losses.append(calc_loss_loader(train_loader, model, device))
            val_losses.append(calc_loss_loader(val_loader, model, device))
    return {"n_train": len(train_data), "n_val": int(len(data) * 0.05),
            "n_test": int(len(data) * 0.10),
            "train_losses": train_losses, "val_losses": val_losses}


EXPECTED_CAUSE = 'computed by hand as int(len * portion)'
