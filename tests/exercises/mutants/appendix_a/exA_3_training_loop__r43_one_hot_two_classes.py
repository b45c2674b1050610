# MUTANT: labels one-hot encoded with 2 classes hard-coded (F.one_hot(labels, 2))
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            targets = F.one_hot(labels, 2).to(logits.dtype)
            loss = F.cross_entropy(logits, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "got a smaller num_classes"  # the check's message must name this
