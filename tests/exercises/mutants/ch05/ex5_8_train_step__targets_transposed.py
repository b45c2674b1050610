# Mutant: targets flattened in a different order (transposed) from the logits.
"""Exercise 5.8 (solution): one training step."""

import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    """Do one optimisation step on one batch and return its loss as a Python float."""
    model.train()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.T.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'different order from the logits'  # named in the message
