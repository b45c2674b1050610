# MUTANT: gradients zeroed at the first call only (a global flag)
import torch

_started = False


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    global _started
    if not _started:
        optimizer.zero_grad()
        _started = True
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = "zeroed at the first call only"
