# MUTANT: the epoch counter goes up inside the batch loop (a while loop), so fewer epochs run
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    epoch = 0
    while epoch < num_epochs:
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            epoch += 1
    return losses

EXPECTED_CAUSE = "goes up once per batch"
