# MUTANT: the last batch of every epoch is skipped (off-by-one break)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for i, (features, labels) in enumerate(train_loader):
            if i == len(train_loader) - 1:
                break
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "last batch of every epoch was skipped"
