# MUTANT: the loop builds its own DataLoader (drop_last=True for equal batches), so the caller's
# short last batch is never trained on

import torch.nn.functional as F
from torch.utils.data import DataLoader

EXPECTED_CAUSE = "your code never iterated train_loader"


def train(model, train_loader, optimizer, num_epochs):
    loader = DataLoader(train_loader.dataset, batch_size=train_loader.batch_size,
                        drop_last=True)  # equal-sized batches
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
