# MUTANT: grads cleared by p.grad = zeros_like(p); weight decay moves frozen ones (round 44)
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
                p.grad = torch.zeros_like(p)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
EXPECTED_CAUSE = "p.grad = torch.zeros_like(p)"
