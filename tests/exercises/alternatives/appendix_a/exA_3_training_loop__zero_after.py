# Correct: gradients cleared once before training and then after every step (not before backward)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    optimizer.zero_grad()
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            losses.append(loss.item())
    return losses
