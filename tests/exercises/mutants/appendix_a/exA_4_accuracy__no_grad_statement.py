# MUTANT: torch.no_grad() called as a statement, not a with-block (gradients still tracked)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    torch.no_grad()  # the mistake itself: a context never entered
    correct = 0
    total = 0
    for features, labels in dataloader:
        predictions = torch.argmax(model(features), dim=1)
        correct += (predictions == labels).sum().item()
        total += len(labels)
    return correct / total

EXPECTED_CAUSE = "but not as a with-block"
