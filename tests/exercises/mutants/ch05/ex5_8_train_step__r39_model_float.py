# MUTANT: model.float() inside the step (a float64 model comes out float32)
"""Exercise 5.8 (solution): one training step.

This exercise is ours; the book has no exercise on it.
"""

import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    """Do one optimisation step on one batch and return its loss as a Python float.

    In order: put the model in training mode, clear the gradients left by the previous step,
    compute the mean cross-entropy of the next-token predictions (move the batches to
    ``device``; flatten logits ``(batch, num_tokens, vocab_size)`` and targets as in
    ``calc_loss_batch``), backpropagate, and let the optimizer update the weights. Return the
    loss computed before the update.

    Example: on a fresh GPT the first call returns about ``ln(50257) = 10.8``; called
    repeatedly on the-verdict with AdamW the loss falls (the check trains a tiny GPT for 30
    steps and compares your final validation loss with recorded runs of this solution).
    """
    model.train()
    model.float()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = "a float64 model has"
