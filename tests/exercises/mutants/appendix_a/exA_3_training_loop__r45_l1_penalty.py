# MUTANT: an L1 penalty on every parameter added to the loss (trained on and recorded)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            penalty = sum(p.abs().sum() for p in model.parameters())
            loss = F.cross_entropy(logits, labels) + 0.001 * penalty
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "times the sum of |w| over every parameter (an L1 penalty)"
