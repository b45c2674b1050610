# MUTANT: predictions from argmax over logits[:, 1:] plus 1, class 0 never predicted (round 44)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            predictions = torch.argmax(logits[:, 1:], dim=1) + 1
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total
EXPECTED_CAUSE = "class 0 is never predicted"
