# Mutant: a new AdamW built inside the step instead of the optimizer passed in.
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    lr = optimizer.param_groups[0]["lr"]
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.1)
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'the optimizer passed in never stepped'
