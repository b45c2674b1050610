# MUTANT: a hand-written cross entropy without the log_softmax
import torch


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = -logits[torch.arange(len(labels)), labels].mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'a hand-written cross entropy without the log-softmax'
