# MUTANT: seeds the global RNG inside train
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    torch.manual_seed(123)
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


EXPECTED_CAUSE = "seeds the global generator"  # the check's message must name this
