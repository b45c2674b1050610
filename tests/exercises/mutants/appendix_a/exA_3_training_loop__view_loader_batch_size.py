# MUTANT: features reshaped with train_loader.batch_size (a short last batch)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            features = features.view(train_loader.batch_size, -1)
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "with train_loader.batch_size"  # the check's message must name this
