# MUTANT: the batch loss recorded once per example (len(labels) times)
import torch
import torch.nn.functional as F


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
            losses.extend([loss.item()] * len(labels))
    return losses


EXPECTED_CAUSE = 'one loss per example'
