# MUTANT: two slips: a softmax (not log_softmax) and then F.nll_loss
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.nll_loss(torch.softmax(logits, dim=1), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "F.nll_loss on softmax probabilities"
