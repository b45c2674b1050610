# Correct: model.zero_grad() clears the same gradients as optimizer.zero_grad()
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    model.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()
