# MUTANT: both batches moved to a hard-coded "cpu", the device argument ignored
import torch

EXPECTED_CAUSE = "not to the device passed in"


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to("cpu"), target_batch.to("cpu")
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()
