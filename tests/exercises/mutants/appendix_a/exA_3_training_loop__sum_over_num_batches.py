import torch.nn.functional as F

EXPECTED_CAUSE = "summed loss divided by len(train_loader)"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            loss = F.cross_entropy(model(features), labels, reduction="sum")
            optimizer.zero_grad()
            (loss / len(train_loader)).backward()
            optimizer.step()
            losses.append(loss.item() / len(labels))
    return losses
