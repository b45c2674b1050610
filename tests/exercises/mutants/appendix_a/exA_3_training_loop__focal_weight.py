# MUTANT: a focal-style weighted cross entropy (fallback: no whole factor, another loss)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            each = F.cross_entropy(logits, labels, reduction="none")
            p_true = (-each).exp()
            loss = ((1 - p_true) ** 2 * each).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "no whole factor or simple scale"
