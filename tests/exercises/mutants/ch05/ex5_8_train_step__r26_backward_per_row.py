# MUTANT: backward on each sequence's mean loss (gradient = batch size times the mean's), one step
import torch
import torch.nn.functional as F


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    losses = []
    for x, y in zip(input_batch, target_batch):
        logits = model(x.unsqueeze(0))
        loss = F.cross_entropy(logits.flatten(0, 1), y)
        loss.backward()
        losses.append(loss.item())
    optimizer.step()
    return sum(losses) / len(losses)


EXPECTED_CAUSE = "backpropagated each sequence's mean loss"
