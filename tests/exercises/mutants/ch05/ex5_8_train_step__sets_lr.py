# Mutant: sets the learning rate of every param group to the book's 0.0004 in the step.
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    for group in optimizer.param_groups:
        group['lr'] = 0.0004
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()


EXPECTED_CAUSE = 'the learning rate was set inside the step'
