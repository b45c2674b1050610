# MUTANT: every gradient doubled by hand between backward() and step()
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
            for p in model.parameters():
                if p.grad is not None:
                    p.grad *= 2
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "changes the gradients between"
