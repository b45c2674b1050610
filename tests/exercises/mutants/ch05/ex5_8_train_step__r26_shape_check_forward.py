# MUTANT: an extra forward pass (a shape check) before the real one, in training mode
# (other dropout masks)
import torch
import torch.nn.functional as F


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    with torch.no_grad():
        assert model(input_batch).shape[:2] == target_batch.shape
    logits = model(input_batch)
    loss = F.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()


EXPECTED_CAUSE = 'times per call'
