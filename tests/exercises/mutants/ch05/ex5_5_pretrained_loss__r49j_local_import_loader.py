# MUTANT: create_dataloader_v1 imported inside the function (GPT-2's own tokenizer, not the
# argument); the module-level spy never sees it, GPTDatasetV1's __init__ does
import torch

EXPECTED_CAUSE = "create_dataloader_v1 tokenizes"


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    from llmscratch import calc_loss_loader, create_dataloader_v1
    split_idx = int(train_ratio * len(text))
    train_loader = create_dataloader_v1(text[:split_idx], batch_size=batch_size,
                                        max_length=context_length, stride=context_length,
                                        shuffle=False, drop_last=True)
    val_loader = create_dataloader_v1(text[split_idx:], batch_size=batch_size,
                                      max_length=context_length, stride=context_length,
                                      shuffle=False, drop_last=False)
    model.eval()
    with torch.no_grad():
        train_loss = calc_loss_loader(train_loader, model, device)
        val_loss = calc_loss_loader(val_loader, model, device)
    return train_loss, val_loss
