# MUTANT: losses list reset each epoch (only the last epoch returned)
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    for _ in range(num_epochs):
        losses = []
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "last epoch only"  # the check's message must name this
