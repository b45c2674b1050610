# MUTANT: zero_grad only on even batches, a step every batch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for i, (features, labels) in enumerate(train_loader):
            loss = F.cross_entropy(model(features), labels)
            if i % 2 == 0:
                optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'every other batch'  # the check's message must name this
