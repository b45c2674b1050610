# Mutant: optimizer.step() before loss.backward(): the weights never change.
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    optimizer.step()
    loss.backward()
    return loss.item()

EXPECTED_CAUSE = 'step() runs before loss.backward()'
