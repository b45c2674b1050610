# MUTANT: backward() on twice the loss for the last batch of each epoch (the plain loss recorded)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        last = len(train_loader) - 1
        for i, (features, labels) in enumerate(train_loader):
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            (loss * (2 if i == last else 1)).backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "the step on the LAST batch of the epoch before"
