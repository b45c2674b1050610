# MUTANT: a batch whose loss is NaN is skipped (no step, no recorded loss), hiding bad data

import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "a batch whose loss is nan was skipped"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            if torch.isnan(loss):
                continue  # don't let a bad batch wreck the weights
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
