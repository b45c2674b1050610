# MUTANT: training stops early once a batch loss is below 0.05
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            if loss.item() < 0.05:
                return losses
    return losses


EXPECTED_CAUSE = "an early stop"  # the check's message must name this
