# MUTANT: trains a deep copy of the model (the optimizer holds the caller's parameters)
import copy

import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    model = copy.deepcopy(model)
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'another model (a copy'
