# MUTANT: -log(probability + 1e-9) by hand: finite, but capped at 20.7 per example
import torch


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            probas = torch.softmax(model(features), dim=1)
            loss = -torch.log(probas[torch.arange(len(labels)), labels] + 1e-9).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "a small number added to the probabilities"  # the check's message must name this
