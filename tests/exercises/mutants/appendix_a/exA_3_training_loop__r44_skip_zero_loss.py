# MUTANT: a loss recorded only `if loss.item():`, a loss of exactly 0.0 left out (round 44)
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
            if loss.item():
                losses.append(loss.item())
    return losses
EXPECTED_CAUSE = "has a loss of exactly 0.0"
