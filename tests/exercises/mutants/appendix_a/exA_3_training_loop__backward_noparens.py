# MUTANT: loss.backward without its call
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward  # noqa: B018 - the mistake itself
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "names loss.backward but never calls it"
