# MUTANT: p.grad.zero_() on every parameter: p.grad is still None at first
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            for p in model.parameters():
                p.grad.zero_()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "p.grad is None until a loss.backward() fills it"
