# MUTANT: builds a new shuffling DataLoader from train_loader.dataset (batch size and order
# changed)
import torch.nn.functional as F
from torch.utils.data import DataLoader


def train(model, train_loader, optimizer, num_epochs):
    loader = DataLoader(train_loader.dataset, batch_size=train_loader.batch_size, shuffle=True)
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'not a loader of your own'  # the check's message must name this
