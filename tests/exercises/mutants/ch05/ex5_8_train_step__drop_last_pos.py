# Mutant: last position left out of both logits and targets
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits[:, :-1].flatten(0, 1),
                                           target_batch[:, :-1].flatten())
    loss.backward()
    optimizer.step()
    return loss.item()


EXPECTED_CAUSE = 'the last position was left out of the loss'
