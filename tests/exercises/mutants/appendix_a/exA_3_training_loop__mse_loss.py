# MUTANT: uses mse on one-hot instead of cross_entropy
"""Exercise A.3 (solution): the training loop."""

import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.mse_loss(logits.softmax(dim=1), F.one_hot(labels, logits.shape[1]).float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'mean squared error'
