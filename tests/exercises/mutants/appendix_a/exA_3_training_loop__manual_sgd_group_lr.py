# MUTANT: optimizer.step() replaced by a hand-written plain SGD update with the optimizer's lr
#   (its momentum, weight decay or Adam rule ignored)
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = 'a manual update of p.data'


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            with torch.no_grad():
                for group in optimizer.param_groups:
                    for p in group["params"]:
                        if p.grad is not None:
                            p -= group["lr"] * p.grad
            losses.append(loss.item())
    return losses
