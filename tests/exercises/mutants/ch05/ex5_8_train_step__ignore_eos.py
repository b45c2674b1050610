# Mutant: ignore_index=50256 (eos) added: those targets are not scored.
"""Exercise 5.8 (solution): one training step."""

import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    """Do one optimisation step on one batch and return its loss as a Python float."""
    model.train()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                             ignore_index=50256)
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'ignore_index=50256'  # named in the message
