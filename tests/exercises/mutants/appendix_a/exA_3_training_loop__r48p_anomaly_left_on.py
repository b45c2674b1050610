# MUTANT: torch.autograd.set_detect_anomaly(True) called inside train to debug NaNs and left
#         on: the caller's whole program keeps autograd's slow anomaly mode
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "autograd's anomaly mode to on (torch.autograd.set_detect_anomaly"


def train(model, train_loader, optimizer, num_epochs):
    torch.autograd.set_detect_anomaly(True)
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
