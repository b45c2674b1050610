# MUTANT: result rounded to 2 decimals
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return round(correct / total, 2)


EXPECTED_CAUSE = 'rounded'  # the check's message must name this
