# MUTANT: backward() on the per-example losses summed, the mean recorded
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            per_example = F.cross_entropy(model(features), labels, reduction="none")
            optimizer.zero_grad()
            per_example.sum().backward()
            optimizer.step()
            losses.append(per_example.mean().item())
    return losses


EXPECTED_CAUSE = "a loss summed over the batch"
