# Mutant: returns a running mean of the losses over all calls (module-level state).
import torch

_history = []


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    _history.append(loss.item())
    return sum(_history) / len(_history)


EXPECTED_CAUSE = 'earlier calls'
