# MUTANT: the loss clamped at 1.0 (torch.clamp(loss, max=1.0)): no gradient while the loss is above
# 1
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = torch.clamp(F.cross_entropy(logits, labels), max=1.0)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'the gradients it left were all zero already'
