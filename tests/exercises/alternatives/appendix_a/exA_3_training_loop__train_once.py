# Correct: model.train() once, before the epochs
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    model.train()
    losses = []
    for _ in range(num_epochs):
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
