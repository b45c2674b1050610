# MUTANT: a step limit computed on the first call and kept in a global
import torch.nn.functional as F

_total_steps = None


def train(model, train_loader, optimizer, num_epochs):
    global _total_steps
    if _total_steps is None:
        _total_steps = num_epochs * len(train_loader)
    losses = []
    step = 0
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            if step >= _total_steps:
                break
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            step += 1
    return losses

EXPECTED_CAUSE = "your run stopped after 6 of the 9 batches"
