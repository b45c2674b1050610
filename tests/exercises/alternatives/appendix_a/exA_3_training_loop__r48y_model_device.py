# Correct: each batch moved to the model's own device, the loss read through .cpu()
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    device = next(model.parameters()).device
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            features, labels = features.to(device), labels.to(device)
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.detach().cpu().item())
    return losses
