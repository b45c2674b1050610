# MUTANT: one-hot (probability) targets given to F.cross_entropy with the 3-D logits, which
# reads dim 1 (the positions) as the classes.
import torch.nn.functional as F

EXPECTED_CAUSE = "the softmax ran over the positions"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return F.cross_entropy(logits, F.one_hot(target_batch, logits.shape[-1]).to(logits.dtype))
