# MUTANT: only the first parameter group's gradients cleared by hand
# (optimizer.param_groups[0]['params'] set to None), so a second group's gradients pile up
import torch.nn.functional as F

EXPECTED_CAUSE = "clears only the first parameter group's gradients"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            for p in optimizer.param_groups[0]["params"]:
                p.grad = None
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
