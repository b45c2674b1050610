# Correct: optimizer.zero_grad() after the forward pass, just before backward()
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
