# MUTANT: zero_grad between backward and step wipes the gradients, so step changes nothing
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            loss.backward()
            optimizer.zero_grad()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "runs between loss.backward() and optimizer.step()"
