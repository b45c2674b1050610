# MUTANT: llmscratch.data.GPTDatasetV1 (reached as a module attribute) given GPT-2's tokenizer
# made inside, not the tokenizer argument
import torch
from torch.utils.data import DataLoader

import llmscratch.data
from llmscratch import calc_loss_loader, get_gpt2_tokenizer

EXPECTED_CAUSE = "tokenizer made in your code"


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    tok = get_gpt2_tokenizer()
    split_idx = int(train_ratio * len(text))
    train_set = llmscratch.data.GPTDatasetV1(text[:split_idx], tok, context_length, context_length)
    val_set = llmscratch.data.GPTDatasetV1(text[split_idx:], tok, context_length, context_length)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=False, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False, drop_last=False)
    model.eval()
    with torch.no_grad():
        return calc_loss_loader(train_loader, model, device), calc_loss_loader(val_loader, model,
                                                                                device)
