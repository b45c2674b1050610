# MUTANT: each position's loss weighted by its position (1, 2, ..., T), normalised: later tokens
#   count more
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    per = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                            reduction="none").view(target_batch.shape)
    w = torch.arange(1, per.shape[1] + 1, dtype=per.dtype, device=per.device)
    return (per * w).sum() / (w.sum() * per.shape[0])


EXPECTED_CAUSE = "your loss weights the positions unequally"
