# MUTANT: an early stop with a patience of one epoch: the loop breaks as soon as an epoch's mean
#   loss is higher than the best one so far, so a run whose loss rises ends before num_epochs
import torch.nn.functional as F

EXPECTED_CAUSE = "stops when the loss gets worse"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    best = float("inf")
    for _ in range(num_epochs):
        if losses:
            epoch_mean = sum(losses[-len(train_loader):]) / len(train_loader)
            if epoch_mean > best:
                break
            best = epoch_mean
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
