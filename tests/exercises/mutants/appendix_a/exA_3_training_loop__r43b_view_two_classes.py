# MUTANT: logits reshaped with view(-1, 2): a fixed 2 classes
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features).view(-1, 2)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "reshaped to 2 columns"
