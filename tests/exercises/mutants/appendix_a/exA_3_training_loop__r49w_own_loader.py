# MUTANT: the loop builds its own DataLoader from train_loader.dataset (shuffled, drop_last) and
# never iterates the loader it was given

import torch.nn.functional as F
from torch.utils.data import DataLoader

EXPECTED_CAUSE = "your code never iterated train_loader"


def train(model, train_loader, optimizer, num_epochs):
    loader = DataLoader(train_loader.dataset, batch_size=train_loader.batch_size,
                        shuffle=True, drop_last=True)
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
