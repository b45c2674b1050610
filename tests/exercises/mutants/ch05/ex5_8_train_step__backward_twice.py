# Mutant: backward called twice (retain_graph): gradients doubled.
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward(retain_graph=True)
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'backward() ran twice'
# AdamW divides a doubled gradient by a doubled root of its second moment, so only its eps
# shows the doubling: the weights move by 7e-5, about 7 times the tolerance of 1e-5.
MIN_MARGIN = 5
