# MUTANT: each recorded loss divided by num_epochs
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item() / num_epochs)
    return losses


EXPECTED_CAUSE = 'and 3 is num_epochs here'  # the check's message must name this
