# MUTANT: the logits cast to bfloat16 before the loss, so every loss and gradient keeps only
# about 2 significant digits
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "the logits cast to bfloat16"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features).to(torch.bfloat16), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
