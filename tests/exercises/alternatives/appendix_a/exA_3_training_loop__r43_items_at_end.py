# Correct: detached loss tensors turned into floats once at the end
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    kept = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            kept.append(loss.detach())
    return [t.item() for t in kept]
