# Mutant: inputs and targets swapped (model fed the targets).
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(target_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), input_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()


EXPECTED_CAUSE = 'are swapped'
