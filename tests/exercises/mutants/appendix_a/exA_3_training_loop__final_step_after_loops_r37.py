# MUTANT: a stray optimizer.step() after the loops (one extra update with the last batch's
# gradients)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    optimizer.step()
    return losses


EXPECTED_CAUSE = "a stray optimizer.step() after the loops"
