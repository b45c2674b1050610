# MUTANT: a batch whose logits hold a NaN is skipped, so its examples are not counted

import torch

EXPECTED_CAUSE = "the point whose logits are nan was left out of the count"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            if torch.isnan(logits).any():
                continue
            predictions = torch.argmax(logits, dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total
