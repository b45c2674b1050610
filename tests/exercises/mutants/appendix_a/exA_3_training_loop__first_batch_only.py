# MUTANT: next(iter(train_loader)) trains on the first batch only, once per epoch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        features, labels = next(iter(train_loader))
        loss = F.cross_entropy(model(features), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "only the first batch of each epoch"
