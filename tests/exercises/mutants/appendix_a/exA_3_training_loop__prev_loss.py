# MUTANT: records the previous batch's loss (a placeholder first, the last loss lost)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    prev = 0.0
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(prev)
            prev = loss.item()
    return losses


EXPECTED_CAUSE = 'shifted by one batch'  # the check's message must name this
