# Correct: accuracy pass in eval mode after each epoch, model.train() at the start of each epoch
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        model.eval()
        with torch.no_grad():
            correct = sum((model(f).argmax(1) == y).sum().item() for f, y in train_loader)
    return losses
