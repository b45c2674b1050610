# MUTANT: features reshaped to the toy data's 2 features, view(-1, 2)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = model(features.view(-1, 2)).argmax(dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "a hard-coded feature count"
