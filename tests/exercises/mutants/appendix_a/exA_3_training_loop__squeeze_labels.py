# MUTANT: labels.squeeze() makes a batch of one 0-d, so cross_entropy fails on the short last
# batch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            labels = labels.squeeze()
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'a squeeze() of the labels'  # the check's message must name this
