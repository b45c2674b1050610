# MUTANT: losses.append(loss.item) without parentheses
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item)
    return losses

EXPECTED_CAUSE = "loss.item, the method itself"
