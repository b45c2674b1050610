# MUTANT: the recorded loss from a second forward pass in eval mode, before the step
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            model.eval()
            with torch.no_grad():
                rec = F.cross_entropy(model(features), labels).item()
            model.train()
            optimizer.step()
            losses.append(rec)
    return losses


EXPECTED_CAUSE = 'second forward pass in eval mode'  # the check's message must name this
