# MUTANT: a NaN loss is recorded as 0.0 (the update still runs on it)

import math

import torch.nn.functional as F

EXPECTED_CAUSE = "the nan loss was replaced"


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
            value = loss.item()
            losses.append(0.0 if math.isnan(value) else value)
    return losses
