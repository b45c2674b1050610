# MUTANT: the recorded loss comes from a second forward pass, not the trained one
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            with torch.no_grad():
                losses.append(F.cross_entropy(model(features), labels).item())
            optimizer.step()
    return losses


EXPECTED_CAUSE = 'second forward pass'
