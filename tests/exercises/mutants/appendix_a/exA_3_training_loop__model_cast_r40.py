# MUTANT: the model cast to float32 at the start of train (model.float())
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    model.float()
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "your code casts the caller's model"  # the check's message must name this
