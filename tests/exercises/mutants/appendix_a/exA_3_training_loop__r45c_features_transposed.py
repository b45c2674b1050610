# MUTANT: features transposed before the forward pass (features.T), silent on a square batch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features.T)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "transposes the features before the model sees them"
