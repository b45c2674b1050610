# Mutant: two forward passes (one for the returned loss, one for backward): other masks
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    with torch.no_grad():
        report = torch.nn.functional.cross_entropy(model(input_batch).flatten(0, 1),
                                                   target_batch.flatten())
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return report.item()


EXPECTED_CAUSE = 'the model ran twice per step'
