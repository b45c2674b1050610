# MUTANT: the grad mode switched off with torch.set_grad_enabled(False) at the end of train
# (it "tidies up"), so the caller's next training loop has no gradients
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    torch.set_grad_enabled(True)
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
    torch.set_grad_enabled(False)
    return losses


EXPECTED_CAUSE = "the grad mode (torch.set_grad_enabled"
