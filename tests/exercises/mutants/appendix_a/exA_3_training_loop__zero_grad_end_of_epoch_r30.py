# MUTANT: zero_grad called once at the end of each epoch: gradients pile up over the batches of an
# epoch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    optimizer.zero_grad()
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        optimizer.zero_grad()
    return losses


EXPECTED_CAUSE = 'runs only between epochs'
