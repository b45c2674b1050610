# MUTANT: two mistakes at once: no model.train() (the model arrives in eval mode, so dropout
# stays off) and optimizer.zero_grad() after the step instead of before it
import torch

EXPECTED_CAUSE = "two mistakes at once: the model stays in eval mode"


def train_step(model, optimizer, input_batch, target_batch, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
