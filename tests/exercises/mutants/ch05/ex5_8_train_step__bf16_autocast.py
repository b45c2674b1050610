# MUTANT: forward under bfloat16 autocast (loss and gradients differ)
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.float().flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'bfloat16 autocast'
