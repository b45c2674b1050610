# MUTANT: creates its own SGD(lr=0.5) instead of using the optimizer passed in
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'never took a step'  # the check's message must name this
