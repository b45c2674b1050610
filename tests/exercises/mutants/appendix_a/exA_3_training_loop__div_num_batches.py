# MUTANT: each loss divided by the number of batches len(train_loader)
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
            losses.append(loss.item() / len(train_loader))
    return losses


EXPECTED_CAUSE = 'divided by len(train_loader)'  # the check's message must name this
