# MUTANT: one optimizer step per sequence of the batch (B steps per call); returns their mean
import torch
import torch.nn.functional as F


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    losses = []
    for x, y in zip(input_batch, target_batch):
        optimizer.zero_grad()
        logits = model(x.unsqueeze(0))
        loss = F.cross_entropy(logits.flatten(0, 1), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)


EXPECTED_CAUSE = 'steps per call'
