# MUTANT: each batch moved to a device written into the code, features.to("cpu") (a model on a
# GPU then meets a batch on the CPU)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            features, labels = features.to("cpu"), labels.to("cpu")
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "to 'cpu' by itself"
