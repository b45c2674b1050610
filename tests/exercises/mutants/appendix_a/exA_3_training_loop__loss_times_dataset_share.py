# MUTANT: backward() on the loss times the batch's share of the dataset, the mean recorded
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
            (loss * len(labels) / len(train_loader.dataset)).backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "the batch's share of the dataset"
