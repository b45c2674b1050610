# MUTANT: torch.use_deterministic_algorithms(True) called inside train and left switched on

import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "torch.use_deterministic_algorithms"


def train(model, train_loader, optimizer, num_epochs):
    torch.use_deterministic_algorithms(True)  # reproducible runs
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
    return losses
