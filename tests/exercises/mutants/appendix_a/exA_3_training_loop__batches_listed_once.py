# MUTANT: batches read once with list(train_loader): every epoch reuses epoch 1's order
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    batches = list(train_loader)
    for _ in range(num_epochs):
        model.train()
        for features, labels in batches:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'the batches were read once'  # the check's message must name this
