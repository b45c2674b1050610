# Mutant: the summed cross-entropy instead of the mean.
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                             reduction="sum")
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'SUM over all tokens'
