# MUTANT: momentum 0.9 switched on in the given optimizer's param_groups inside train
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    for group in optimizer.param_groups:
        group["momentum"] = 0.9
    losses = []
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

EXPECTED_CAUSE = "changes the optimizer's settings"  # the check's message must name this
