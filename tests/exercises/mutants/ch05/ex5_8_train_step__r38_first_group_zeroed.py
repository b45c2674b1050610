# MUTANT: only the optimizer's first param group is zeroed
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    for p in optimizer.param_groups[0]["params"]:
        p.grad = None
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = "optimizer's FIRST param group"
