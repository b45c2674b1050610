# MUTANT: binary cross entropy with logits on the second logit only (logits[:, 1] against float
# labels) instead of F.cross_entropy
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.binary_cross_entropy_with_logits(logits[:, 1], labels.float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "binary cross entropy of the second logit alone"
