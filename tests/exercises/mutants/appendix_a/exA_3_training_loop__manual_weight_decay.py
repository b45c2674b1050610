# MUTANT: a weight decay by hand before the step
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
                for p in model.parameters():
                    p.mul_(0.99)
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "the weights had already changed"
