# MUTANT: an L1 penalty (1e-4 * the sum of absolute weights) added to the loss; no replay matches,
#   the fallback names an added term
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "a term added to the loss"


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = F.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss = loss + 1e-4 * sum(p.abs().sum() for p in model.parameters())
    loss.backward()
    optimizer.step()
    return loss.item()
