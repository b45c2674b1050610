# MUTANT: features reshaped to a hard-coded 2 features
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features.view(-1, 2)), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "hard-coded feature count"  # the check's message must name this
