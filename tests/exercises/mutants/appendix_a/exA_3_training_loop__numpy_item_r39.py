# MUTANT: each loss read through NumPy (.numpy().item()), which fails for bfloat16
import torch.nn.functional as F


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
            losses.append(loss.detach().numpy().item())
    return losses

EXPECTED_CAUSE = "NumPy has no bfloat16"
