# MUTANT: train_loader.sampler.set_epoch(epoch) copied from the DDP script
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for epoch in range(num_epochs):
        model.train()
        train_loader.sampler.set_epoch(epoch)
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "set_epoch belongs to DistributedSampler"  # the check's message must name this
