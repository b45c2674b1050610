# MUTANT: create_instruction_dataloaders called without allowed_max_length (default 1024)
"""Exercise 7.8 (solution): finetune on another instruction file (the book's exercise 7.3).

This is book exercise 7.3.

Check it with ``python -m llmscratch check ch07 --solutions``.
"""

import torch

from llmscratch import (
    create_instruction_dataloaders,
    download_and_load_file,
    split_instruction_data,
)
from llmscratch.training import calc_loss_loader  # the chapter-5 next-token loss


def finetune_on_file(file_path, model, tokenizer, num_epochs=2, batch_size=4, lr=1e-3,
                     allowed_max_length=64, device="cpu", seed=123):
    """Finetune ``model`` on the instruction records in the JSON file ``file_path``.

    The file holds a list of ``{"instruction", "input", "output"}`` records (for example the
    52,002 Alpaca records, or your own). Load it, split it in file order with
    ``split_instruction_data``: the first 85% for training, the next 10% for testing, the rest
    (about 5%) for validation. Build the loaders
    (``create_instruction_dataloaders`` with ``batch_size``, ``allowed_max_length``, ``device``
    and ``seed``), and train for ``num_epochs`` epochs with AdamW (``lr``, weight decay 0.1),
    zeroing the gradients before every batch and calling ``model.train()`` at the start of
    every epoch. Take a plain step after each ``loss.backward()``, as the book's
    ``train_model_simple`` does: no gradient clipping, no learning-rate schedule. After each
    epoch record the average loss over the whole training and validation loaders
    (``calc_loss_loader``, model in eval mode). Return a dict::

        {"n_train": ..., "n_val": ..., "n_test": ...,
         "train_losses": [one float per epoch], "val_losses": [one float per epoch]}

    For 40 records the split is 34 / 2 / 4.
    """
    data = download_and_load_file(file_path)
    train_data, val_data, test_data = split_instruction_data(data)
    train_loader, val_loader, _ = create_instruction_dataloaders(
        train_data, val_data, test_data, tokenizer, batch_size=batch_size,
        device=device, seed=seed)
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
    return {"n_train": len(train_data), "n_val": len(val_data), "n_test": len(test_data),
            "train_losses": train_losses, "val_losses": val_losses}

EXPECTED_CAUSE = "though the call gave {'allowed_max_length': 64}"
