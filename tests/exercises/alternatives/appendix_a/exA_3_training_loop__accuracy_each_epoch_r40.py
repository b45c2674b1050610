# Correct: the training accuracy scored after each epoch (eval, no_grad); train() each epoch
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        model.eval()
        correct = total = 0
        with torch.no_grad():
            for features, labels in train_loader:
                correct += (model(features).argmax(dim=1) == labels).sum().item()
                total += len(labels)
    return losses
