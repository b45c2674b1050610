# MUTANT: training stops at the first batch whose loss is higher than the one before it (a
#   divergence guard), so a run whose loss rises ends after its second batch
import torch.nn.functional as F

EXPECTED_CAUSE = "stops when the loss gets worse"


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
            if len(losses) > 1 and losses[-1] > losses[-2]:
                return losses
    return losses
