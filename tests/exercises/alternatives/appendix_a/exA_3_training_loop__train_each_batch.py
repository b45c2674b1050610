# Correct: model.train() at every batch (hence also at each epoch's start), detach().item()
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    epoch = 0
    while epoch < num_epochs:
        for features, labels in train_loader:
            model.train()
            optimizer.zero_grad()
            logits = model(features)
            loss = F.cross_entropy(logits, labels, reduction="mean")
            loss.backward()
            optimizer.step()
            losses.append(loss.detach().item())
        epoch += 1
    return losses
