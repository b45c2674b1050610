# MUTANT: an L2 penalty (1e-4 * sum of squared weights) added to the loss before backward (a blog's
#   regularisation), and returned with it
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "an L2 penalty, 0.0001 * the sum"


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = F.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss = loss + 1e-4 * sum((p ** 2).sum() for p in model.parameters())
    loss.backward()
    optimizer.step()
    return loss.item()
