# MUTANT: the run returns as soon as a loss is NaN (a divergence guard), so later epochs and
# batches never run

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
            if loss.item() != loss.item():
                return losses  # diverged: stop early
    return losses
