# MUTANT: model.requires_grad_(True) unfreezes the parameters the caller froze
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    model.requires_grad_(True)
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "unfreezes what the caller froze"
