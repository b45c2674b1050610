# MUTANT: nll_loss of torch.log(softmax): inf once the logits are far apart
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            probas = torch.softmax(model(features), dim=1)
            loss = F.nll_loss(torch.log(probas), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "your loss takes the log of a softmax"  # the check's message must name this
