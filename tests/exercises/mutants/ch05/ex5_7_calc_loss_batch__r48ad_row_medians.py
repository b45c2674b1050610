# MUTANT: the mean of each sequence's median token loss ("robust to outliers") instead of the
# mean over all tokens.
import torch

EXPECTED_CAUSE = "median token loss"


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    per_token = torch.nn.functional.cross_entropy(logits.transpose(1, 2), target_batch,
                                                  reduction="none")
    return per_token.median(dim=1).values.mean()
