# MUTANT: the prediction is the logit of the largest magnitude (argmax of logits.abs())
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features).abs(), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "the logit of the largest MAGNITUDE"
