# MUTANT: iter(train_loader) made once outside the epoch loop: later epochs get no batches
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    batches = iter(train_loader)
    for _ in range(num_epochs):
        model.train()
        for features, labels in batches:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'iterator was made once'
