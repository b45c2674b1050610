# Correct: .to(device=device) keyword form, forward under an explicit torch.enable_grad()
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    with torch.enable_grad():
        logits = model(input_batch.to(device=device))
        loss = torch.nn.functional.cross_entropy(
            logits.flatten(0, 1), target_batch.to(device=device).flatten())
    loss.backward()
    optimizer.step()
    return loss.item()
