# MUTANT: right predictions counted in a torch.uint8 accumulator, which wraps around past 255
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = torch.zeros((), dtype=torch.uint8)
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().to(torch.uint8)
            total += len(labels)
    return correct.item() / total

EXPECTED_CAUSE = "wrapped around at 256"
