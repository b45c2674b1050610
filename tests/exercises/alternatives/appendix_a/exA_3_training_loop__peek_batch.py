# Correct: peeks at one batch first (next(iter(train_loader))) to print shapes
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    f0, _ = next(iter(train_loader))
    n_features = f0.shape[1]
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            assert features.shape[1] == n_features
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
