# MUTANT: each epoch's losses appended in reverse order (epoch list reversed before extend)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        epoch_losses = []
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            epoch_losses.append(loss.item())
        losses.extend(reversed(epoch_losses))
    return losses


EXPECTED_CAUSE = 'the right ones in another order'
