# MUTANT: predictions and labels cast to uint8, class 256 matches class 0 (round 44)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1).to(torch.uint8)
            correct += (predictions == labels.to(torch.uint8)).sum().item()
            total += len(labels)
    return correct / total
EXPECTED_CAUSE = "256 wraps around to 0"
