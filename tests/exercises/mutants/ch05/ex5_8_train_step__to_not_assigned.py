# Mutant: input_batch.to(device) called without assigning the result (batches never moved).
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch.to(device)
    target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()


EXPECTED_CAUSE = 'keep its result (input_batch = input_batch.to(device))'
