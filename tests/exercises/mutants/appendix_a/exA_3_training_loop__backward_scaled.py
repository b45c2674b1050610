# MUTANT: (loss * 3).backward(): every gradient is scaled, the recorded losses are not
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            (loss * 3).backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'the first update differs'  # the check's message must name this
