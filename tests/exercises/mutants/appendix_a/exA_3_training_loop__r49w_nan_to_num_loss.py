# MUTANT: the loss goes through torch.nan_to_num, so a NaN loss is recorded as 0.0

import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "the nan loss was replaced"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = torch.nan_to_num(F.cross_entropy(logits, labels))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
