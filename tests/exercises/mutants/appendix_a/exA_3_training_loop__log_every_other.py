# MUTANT: a loss recorded only for every other batch (batch_idx % 2 == 0)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for batch_idx, (features, labels) in enumerate(train_loader):
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if batch_idx % 2 == 0:
                losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'every other batch'
