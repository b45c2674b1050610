# MUTANT: a constant 0.01 added to every recorded loss
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
            losses.append(loss.item() + 0.01)
    return losses

EXPECTED_CAUSE = "the right one plus the same 0.01"
