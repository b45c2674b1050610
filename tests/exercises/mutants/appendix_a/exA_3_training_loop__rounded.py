# MUTANT: losses rounded to 2 decimals (round(loss.item(), 2)) as in the book's printout
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
            losses.append(round(loss.item(), 2))
    return losses


EXPECTED_CAUSE = 'rounded each recorded loss'
