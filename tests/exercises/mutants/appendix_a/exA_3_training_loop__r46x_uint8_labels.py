# MUTANT: labels squeezed into uint8 before the loss (class indices above 255 wrap around)
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "labels kept in uint8"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels.to(torch.uint8).long())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
