# MUTANT: backward() on loss ** 1.5 (no replay names it)
import torch.nn.functional as F

EXPECTED_CAUSE = "a function of it such as loss ** 2"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            (loss ** 1.5).backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
