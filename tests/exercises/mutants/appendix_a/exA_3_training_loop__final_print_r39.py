# MUTANT: a final print of losses[-1] that raises IndexError when num_epochs is 0
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    print(f"trained {num_epochs} epochs, final loss {losses[-1]:.4f}")
    return losses

EXPECTED_CAUSE = "reads a loss that was never recorded"
