# MUTANT: losses kept in a deque(maxlen=64): a run of over 64 batches returns the last 64
from collections import deque

import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = deque(maxlen=64)
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return list(losses)

EXPECTED_CAUSE = "only the last 64 of the 100 losses"
