# MUTANT: losses recorded only from the second epoch on (`if epoch > 0`)
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
            if epoch > 0:
                losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "first epoch's losses are missing"
