# MUTANT: records every example's loss (reduction="none", extend) instead of one mean loss per batch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            per_example = F.cross_entropy(logits, labels, reduction="none")
            loss = per_example.mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.extend(per_example.tolist())
    return losses


EXPECTED_CAUSE = "every example's own loss"
