# MUTANT: losses.insert(0, ...) records them in reverse order
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.insert(0, loss.item())
    return losses


EXPECTED_CAUSE = 'in reverse order'  # the check's message must name this
