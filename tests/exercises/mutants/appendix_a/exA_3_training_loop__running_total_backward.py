# MUTANT: backward() on a running total of the batch losses (retain_graph=True)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        running = 0.0
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            running = running + loss
            optimizer.zero_grad()
            running.backward(retain_graph=True)
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "a graph built BEFORE that step"
