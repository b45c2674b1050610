# MUTANT: neither loss.backward() nor optimizer.step()
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "no loss.backward() ran"
