# MUTANT: the model and the features cast to float32 "to be safe" (model.float())
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    model.float()
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features.float())
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "cast the caller's model too"  # the check's message must name this
