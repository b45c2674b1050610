# Mutant: only the last sequence of the batch is scored.
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits[-1], target_batch[-1])
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'only the last sequence of the batch is scored'  # named in the message
