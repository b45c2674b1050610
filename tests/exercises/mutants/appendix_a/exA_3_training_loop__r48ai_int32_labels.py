# MUTANT: the labels cast with labels.int() (int32) before the loss, which F.cross_entropy
# refuses (class indices must be int64)
import torch.nn.functional as F

EXPECTED_CAUSE = "got int32 labels"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels.int())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
