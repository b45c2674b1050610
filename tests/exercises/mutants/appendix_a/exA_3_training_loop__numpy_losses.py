# MUTANT: losses recorded as 0-d NumPy arrays (loss.detach().numpy()) instead of Python floats
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = 'train returned a list of ndarray'


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
            losses.append(loss.detach().numpy())
    return losses
