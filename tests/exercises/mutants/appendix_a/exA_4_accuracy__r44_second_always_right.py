# MUTANT: the second example of each batch counted right whatever predicted (round 44, fallback)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            hit = predictions == labels
            hit[1::2] = True
            correct += hit.sum().item()
            total += len(labels)
    return correct / total
EXPECTED_CAUSE = "counts as right whatever the model predicts"
