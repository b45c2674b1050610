# MUTANT: right predictions summed as float16 (a count near 33,000 rounds to a multiple of 32)
import torch

EXPECTED_CAUSE = "rounded to the nearest float16 number"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += float((predictions == labels).half().sum())
            total += len(labels)
    return correct / total
