# MUTANT: gradient accumulation over two calls: loss/2, step every second call
import torch

_calls = [0]


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    (loss / 2).backward()
    _calls[0] += 1
    if _calls[0] % 2 == 0:
        optimizer.step()
        optimizer.zero_grad()
    return loss.item()

EXPECTED_CAUSE = "accumulated over two calls"
