# Correct: logits shifted by their row maximum before the loss (a "stable softmax" from
# a blog); cross entropy does not change when a row is shifted
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            logits = logits - logits.max(dim=1, keepdim=True).values
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
