# MUTANT: hand-written cross entropy indexed log_softmax[:, labels] (a B x B block)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = -F.log_softmax(logits, dim=1)[:, labels].mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "log_softmax(logits)[:, labels]"
