# MUTANT: the loss is taken against the model's own argmax predictions instead of the labels
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "the model's own predictions"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            _, predictions = torch.max(logits, 1)
            loss = F.cross_entropy(logits, predictions)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
