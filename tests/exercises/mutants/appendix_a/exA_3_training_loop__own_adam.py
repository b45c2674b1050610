# MUTANT: an Adam optimizer made inside train, the given one unused
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "makes its own optimizer (torch.optim.Adam)"
