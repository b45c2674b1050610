# MUTANT: an epoch breaks off at its first NaN loss, so its later batches are not trained on

import math

import torch.nn.functional as F

EXPECTED_CAUSE = "the run stopped once a loss was nan"


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
            if math.isnan(loss.item()):
                break
    return losses
