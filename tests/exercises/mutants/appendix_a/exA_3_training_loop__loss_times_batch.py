# MUTANT: records loss.item() * batch size (a summed loss) instead of the batch's mean loss
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item() * len(labels))
    return losses


EXPECTED_CAUSE = 'loss.item() times the batch size'
