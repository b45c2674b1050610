# Correct: optimizer.step(closure): SGD calls the closure once and returns its loss
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            def closure(features=features, labels=labels):
                optimizer.zero_grad()
                loss = F.cross_entropy(model(features), labels)
                loss.backward()
                return loss

            loss = optimizer.step(closure)
            losses.append(loss.item())
    return losses
