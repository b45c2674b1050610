# MUTANT: the weights clamped into [-10, 10] by hand after each epoch (harmless while every
# weight is small)
import torch.nn.functional as F

EXPECTED_CAUSE = "your loop clamps (clips) the weights by hand"


def train(model, train_loader, optimizer, num_epochs):
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
        for p in model.parameters():
            p.data.clamp_(-10, 10)
    return losses
