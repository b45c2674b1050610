# MUTANT: each recorded loss is scaled by len(labels) / batch_size (a short batch's loss shrunk)
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
            losses.append(loss.item() * len(labels) / train_loader.batch_size)
    return losses


EXPECTED_CAUSE = "the batch's size over the full batch size"
