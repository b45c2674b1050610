# Correct: model.zero_grad() instead of optimizer.zero_grad(), float(loss) instead of loss.item()
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            model.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(float(loss))
    return losses
