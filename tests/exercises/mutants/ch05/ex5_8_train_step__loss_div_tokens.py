# Mutant: loss divided by the number of tokens before backward.
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    (loss / input_batch.shape[1]).backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'divided by the number of tokens per sequence before'
