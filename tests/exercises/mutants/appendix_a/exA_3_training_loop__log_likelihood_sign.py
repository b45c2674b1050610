# MUTANT: hand-written cross entropy without its minus sign (fallback: exactly minus the right loss)
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            log_probs = F.log_softmax(logits, dim=1)
            loss = log_probs[torch.arange(len(labels)), labels].mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "exactly minus the right one"
