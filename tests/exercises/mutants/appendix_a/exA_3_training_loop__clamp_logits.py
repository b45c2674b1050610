# MUTANT: logits clamped to [-10, 10] before the loss ("to avoid overflow"): the loss and its
#   gradient change once a logit is large
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = 'overflows, underflows or is clipped'


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features).clamp(-10, 10)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
