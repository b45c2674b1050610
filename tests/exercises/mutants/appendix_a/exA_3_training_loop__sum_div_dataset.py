# MUTANT: a batch's summed loss divided by len(train_loader.dataset)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    n = len(train_loader.dataset)
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels, reduction="sum") / n
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "divided by the size of the whole data set"
