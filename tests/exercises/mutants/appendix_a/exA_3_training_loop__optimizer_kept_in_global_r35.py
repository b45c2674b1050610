# MUTANT: the first call's optimizer kept in a global and stepped on every later call
import torch.nn.functional as F

_OPTIMIZER = None


def train(model, train_loader, optimizer, num_epochs):
    global _OPTIMIZER
    if _OPTIMIZER is None:
        _OPTIMIZER = optimizer
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            _OPTIMIZER.zero_grad()
            optimizer.zero_grad()
            loss.backward()
            _OPTIMIZER.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "your code keeps state between calls"
