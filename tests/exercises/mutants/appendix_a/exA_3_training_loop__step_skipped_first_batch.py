# MUTANT: optimizer.step() skipped on the first batch of each epoch (a warm-up test)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for i, (features, labels) in enumerate(train_loader):
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            if i > 0:
                optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "skipped on the FIRST batch of each epoch"
