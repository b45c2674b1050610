# MUTANT: each step takes next(iter(train_loader)): a fresh pass per step, batches repeat
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for _step in range(len(train_loader)):
            features, labels = next(iter(train_loader))
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "new pass over the loader for every batch"
