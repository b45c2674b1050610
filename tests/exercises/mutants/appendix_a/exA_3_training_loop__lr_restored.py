# MUTANT: the learning rate doubled while training and put back at the end
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    old = optimizer.param_groups[0]["lr"]
    optimizer.param_groups[0]["lr"] = old * 2
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    optimizer.param_groups[0]["lr"] = old
    return losses


EXPECTED_CAUSE = 'puts it back at the end'  # the check's message must name this
