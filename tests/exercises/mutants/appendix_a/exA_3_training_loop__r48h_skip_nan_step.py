# MUTANT: the update is skipped for a batch whose loss is not finite (its loss still recorded)
import math

import torch.nn.functional as F

EXPECTED_CAUSE = "the update was skipped for a batch whose loss is nan"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            if math.isfinite(loss.item()):
                optimizer.step()
            losses.append(loss.item())
    return losses
