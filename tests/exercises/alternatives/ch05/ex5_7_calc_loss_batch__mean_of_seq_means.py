# Correct: mean over each sequence's tokens, then over the sequences (equal lengths: the same mean)
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    per_tok = torch.nn.functional.cross_entropy(logits.transpose(1, 2), target_batch,
                                               reduction="none")
    return per_tok.mean(dim=1).mean()
