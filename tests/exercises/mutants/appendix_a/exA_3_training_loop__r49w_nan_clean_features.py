# MUTANT: the features go through torch.nan_to_num before the forward pass (missing values
# silently become 0)

import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "replaces the nan features by 0"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(torch.nan_to_num(features))
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
