# MUTANT: the logits and targets copied to the CPU (.cpu()) before the loss: the step's loss is
# computed off the device passed in (invisible on a CPU-only machine)
import torch

EXPECTED_CAUSE = "the loss was computed on the CPU"


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch).cpu()
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.cpu().flatten())
    loss.backward()
    optimizer.step()
    return loss.item()
