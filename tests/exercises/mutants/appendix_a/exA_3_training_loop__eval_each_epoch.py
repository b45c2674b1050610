# MUTANT: model.train() once before the epochs, model.eval() after each epoch
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    model.train()
    for _ in range(num_epochs):
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        model.eval()
        with torch.no_grad():
            for features, labels in train_loader:
                model(features)
    return losses


EXPECTED_CAUSE = 'runs only once, before the first epoch'
