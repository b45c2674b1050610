# MUTANT: the cross entropy weighted by the batch's inverse class counts (balanced classes)
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            counts = torch.bincount(labels, minlength=logits.shape[1]).float().clamp(min=1)
            loss = F.cross_entropy(logits, labels, weight=1.0 / counts)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "inverse class counts"
