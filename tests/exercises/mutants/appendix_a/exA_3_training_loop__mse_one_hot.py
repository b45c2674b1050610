"""Mutant: a mean squared error between the logits and one-hot labels."""

import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.mse_loss(logits, F.one_hot(labels, logits.shape[1]).float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "mean squared error between the raw logits"
