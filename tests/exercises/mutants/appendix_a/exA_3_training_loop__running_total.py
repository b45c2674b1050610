# MUTANT: records the running (cumulative) loss of the epoch instead of each batch's loss
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        running = 0.0
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
            losses.append(running)
    return losses

EXPECTED_CAUSE = "running total"
