# Mutant: forward under torch.no_grad(), loss.requires_grad_() to silence backward():
# no weight gets a gradient.
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    with torch.no_grad():
        logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.requires_grad_()  # backward() complained the loss had no grad_fn
    loss.backward()
    optimizer.step()
    return loss.item()


EXPECTED_CAUSE = 'ran under torch.no_grad()'
