# MUTANT: the loss recorded is the batch's worst example (the largest per-example loss), not the
# batch's mean loss trained on
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            worst = F.cross_entropy(logits.detach(), labels, reduction="none").max()
            losses.append(worst.item())
    return losses


EXPECTED_CAUSE = 'the training itself is right and only the numbers you recorded differ'
