# Mutant: shifts the (already shifted) targets a second time.
"""Exercise 5.8: one training step."""

import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)[:, :-1]  # (batch, num_tokens - 1, vocab_size)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1),
                                             target_batch[:, 1:].flatten())
    loss.backward()
    optimizer.step()
    return loss.item()


EXPECTED_CAUSE = "shifted a second time"  # named in the message
