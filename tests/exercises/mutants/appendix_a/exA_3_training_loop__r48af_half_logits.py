# MUTANT: the logits cast to float16 before the loss ("to save memory"), so every loss and
# gradient is rounded
import torch.nn.functional as F

EXPECTED_CAUSE = "the logits cast to float16"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features).half()
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
