# MUTANT: each batch shuffled again with torch.randperm inside the loop; the extra random draws
# change the dropout masks of later forward passes
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            perm = torch.randperm(len(labels))
            features, labels = features[perm], labels[perm]
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "reorders the examples within each batch"
