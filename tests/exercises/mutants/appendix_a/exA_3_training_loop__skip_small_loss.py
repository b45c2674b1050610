# MUTANT: backward/step skipped for batches whose loss is already below 0.05 (the loss is still
#   recorded)
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = 'optimizer.step() ran 4 times for 6 batches'


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            losses.append(loss.item())
            if loss.item() < 0.05:
                continue
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return losses
