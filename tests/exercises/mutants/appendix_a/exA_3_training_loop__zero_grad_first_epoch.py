# MUTANT: optimizer.zero_grad() only in the first epoch: gradients accumulate across epochs 2..n
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            if epoch == 0:
                optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'and not before the step of 4 of them'  # the check's message must name this
