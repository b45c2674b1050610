# MUTANT: the `correct +=` line indented out of the batch loop (only the last batch's
# right predictions counted, over every example)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            total += len(labels)
        correct += (predictions == labels).sum().item()
    return correct / total


EXPECTED_CAUSE = "the correct += line sits after the batch loop"
