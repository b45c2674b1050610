# MUTANT: model.train() only on the first call ever (a module-level flag)
import torch.nn.functional as F

EXPECTED_CAUSE = "only under an if"

_mode_set = False


def train(model, train_loader, optimizer, num_epochs):
    global _mode_set
    if not _mode_set:
        model.train()
        _mode_set = True
    losses = []
    for _ in range(num_epochs):
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
