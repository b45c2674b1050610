# MUTANT: every layer re-initialised (reset_parameters) before training starts
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    for module in model.modules():
        if hasattr(module, "reset_parameters"):
            module.reset_parameters()
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


EXPECTED_CAUSE = "re-initialises or replaces them before training"
