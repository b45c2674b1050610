# Correct: zero_grad before model.train(), nn.CrossEntropyLoss instance, reshape
from torch import nn


class _Loss:
    fn = nn.CrossEntropyLoss()


def train_step(model, optimizer, input_batch, target_batch, device):
    optimizer.zero_grad()
    model.train()
    inputs, targets = input_batch.to(device), target_batch.to(device)
    logits = model(inputs)
    loss = _Loss.fn(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    loss.backward()
    optimizer.step()
    return loss.item()
