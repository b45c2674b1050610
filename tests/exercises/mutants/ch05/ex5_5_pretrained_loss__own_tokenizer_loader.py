# Mutant: the chapter's create_dataloader_v1 (GPT-2's own tokenizer, not the argument).
import torch

from llmscratch import calc_loss_loader, create_dataloader_v1


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    split_idx = int(train_ratio * len(text))
    train_loader = create_dataloader_v1(text[:split_idx], batch_size=batch_size,
                                        max_length=context_length, stride=context_length,
                                        drop_last=True, shuffle=False, num_workers=0)
    val_loader = create_dataloader_v1(text[split_idx:], batch_size=batch_size,
                                      max_length=context_length, stride=context_length,
                                      drop_last=False, shuffle=False, num_workers=0)
    model.eval()
    with torch.no_grad():
        return calc_loss_loader(train_loader, model, device), calc_loss_loader(val_loader, model,
                                                                                device)


EXPECTED_CAUSE = 'create_dataloader_v1 tokenizes'
