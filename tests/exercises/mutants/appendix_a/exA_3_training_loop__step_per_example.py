# MUTANT: one optimizer step per example inside each batch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            for x, y in zip(features, labels):
                loss = F.cross_entropy(model(x.unsqueeze(0)), y.unsqueeze(0))
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "once per example"
