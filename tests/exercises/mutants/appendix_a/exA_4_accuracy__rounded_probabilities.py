# MUTANT: argmax of torch.round(softmax): a point with no class above 0.5 says class 0
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for features, labels in dataloader:
            probas = torch.softmax(model(features), dim=1)
            predictions = torch.round(probas).argmax(dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "rounding the probabilities"
