# MUTANT: losses appended only in the last epoch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if epoch == num_epochs - 1:
                losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'append sits under an if'  # the check's message must name this
