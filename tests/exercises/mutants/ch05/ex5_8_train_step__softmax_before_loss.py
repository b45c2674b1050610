# Mutant: a softmax before cross_entropy (which applies its own log_softmax).
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    probas = torch.softmax(model(input_batch), dim=-1)
    loss = torch.nn.functional.cross_entropy(probas.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()


EXPECTED_CAUSE = "went through a softmax before cross_entropy"  # named in the message
