# MUTANT: the predictions taken as the argmax of the features instead of the logits (a typo:
# features and logits both have 2 columns in the toy data)
import torch

EXPECTED_CAUSE = "your predictions are the argmax of the features"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)  # noqa: F841 - computed, then not used
            predictions = torch.argmax(features, dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total
