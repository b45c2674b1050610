# MUTANT: model.train() after the forward pass inside the batch loop (first batch in eval)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        for features, labels in train_loader:
            logits = model(features)
            model.train()
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'comes after the forward pass'
