# MUTANT: right predictions summed in int16 (wraps past 32767 right answers in one batch)
import torch

EXPECTED_CAUSE = "as a 16-bit integer does"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += int((predictions == labels).sum(dtype=torch.int16))
            total += len(labels)
    return correct / total
