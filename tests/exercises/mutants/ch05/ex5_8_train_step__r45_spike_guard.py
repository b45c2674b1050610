# MUTANT: the optimizer step is skipped when the loss is above 7.0 (a "spike guard" with a hard-
#   coded bound)
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    if loss.item() < 7.0:
        optimizer.step()
    return loss.item()

EXPECTED_CAUSE = "sits behind a condition"  # named in the message
