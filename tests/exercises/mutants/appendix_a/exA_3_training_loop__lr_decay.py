# MUTANT: halves the optimizer's learning rate after every epoch (an unasked-for schedule)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        for group in optimizer.param_groups:
            group["lr"] *= 0.5
    return losses


EXPECTED_CAUSE = 'changes the learning rate'  # the check's message must name this
