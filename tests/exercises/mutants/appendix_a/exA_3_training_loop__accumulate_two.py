# MUTANT: gradient accumulation: optimizer.step()/zero_grad() only every 2nd batch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        optimizer.zero_grad()
        for i, (features, labels) in enumerate(train_loader):
            loss = F.cross_entropy(model(features), labels)
            loss.backward()
            if (i + 1) % 2 == 0:
                optimizer.step()
                optimizer.zero_grad()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'gradient accumulation'  # the check's message must name this
