# MUTANT: backward() on the perplexity torch.exp(loss) while loss.item() is recorded
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "backward() on torch.exp(loss), the perplexity"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            torch.exp(loss).backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
