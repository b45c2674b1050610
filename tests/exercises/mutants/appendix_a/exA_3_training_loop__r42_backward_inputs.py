# MUTANT: loss.backward(inputs=list(model.parameters())): a frozen layer crashes
import torch.nn.functional as F

EXPECTED_CAUSE = "backward(inputs=...)"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    params = list(model.parameters())
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward(inputs=params)
            optimizer.step()
            losses.append(loss.item())
    return losses
