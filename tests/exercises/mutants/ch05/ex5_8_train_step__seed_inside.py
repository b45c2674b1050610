# Mutant: torch.manual_seed called inside train_step (same dropout mask every step).
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    torch.manual_seed(123)
    model.train()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()


EXPECTED_CAUSE = 'calls torch.manual_seed itself'
