# MUTANT: (Hugging Face habit) own loss loop shifting logits and targets again (labels shifted
# twice)
"""Exercise 5.5 (solution): the training and validation loss of a model on the-verdict.

This is book exercise 5.5.
"""

import torch
from torch.utils.data import DataLoader

from llmscratch import GPTDatasetV1, calc_loss_loader


def train_val_losses(model, text, tokenizer, device, context_length=256, batch_size=2,
                     train_ratio=0.9):
    """Return ``(train_loss, val_loss)`` of ``model`` on ``text``, split as in chapter 5.

    The first ``int(train_ratio * len(text))`` characters are the training text, the rest the
    validation text. Cut each into non-overlapping windows (``GPTDatasetV1`` with ``max_length``
    and ``stride`` both ``context_length``), batch them in order (no shuffling; drop the last
    incomplete batch for training only), and average ``calc_loss_batch`` over ALL batches of
    each split (``calc_loss_loader``). Evaluate in eval mode (dropout off) without gradients.

    Example: with OpenAI's GPT-2 124M (``load_pretrained_gpt2("gpt2-small")``) and
    ``context_length=256`` the book reports about 3.75 (training) and 3.56 (validation), far
    below the 10.99 of an untrained model: GPT-2 has read a lot of English, if not this story.
    """
    split_idx = int(train_ratio * len(text))
    train_set = GPTDatasetV1(text[:split_idx], tokenizer, context_length, context_length)
    val_set = GPTDatasetV1(text[split_idx:], tokenizer, context_length, context_length)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=False, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size, shuffle=False, drop_last=False)
    model.eval()  # no dropout while measuring

    def mean_loss(loader):
        total = 0.0
        for x, y in loader:
            logits = model(x.to(device))[:, :-1]
            total += torch.nn.functional.cross_entropy(logits.flatten(0, 1), y.to(device)[:,
                    1:].flatten()).item()
        return total / len(loader) if len(loader) else float('nan')

    with torch.no_grad():
        train_loss = mean_loss(train_loader)
        val_loss = mean_loss(val_loader)
    return train_loss, val_loss

EXPECTED_CAUSE = "the Hugging Face labels habit"
