# MUTANT: running counts kept in globals across calls
import torch

correct = 0
total = 0


def compute_accuracy(model, dataloader):
    global correct, total
    model.eval()
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'carry over from earlier calls'  # the check's message must name this
