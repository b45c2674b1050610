# MUTANT: optimizer.step() only on every other batch (`if i % 2 == 1`), zero_grad every batch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for i, (features, labels) in enumerate(train_loader):
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            if i % 2 == 1:
                optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "runs on every other batch only"
