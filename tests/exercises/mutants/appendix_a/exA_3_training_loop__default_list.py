# MUTANT: losses list as a default argument: a second call returns the first call's losses too
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs, losses=[]):  # noqa: B006
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'losses of the previous call'
