# MUTANT: examples whose logits hold a NaN are left out of the count and of the total

import torch

EXPECTED_CAUSE = "the point whose logits are nan was left out of the count"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            ok = ~torch.isnan(logits).any(dim=1)  # a broken prediction is not scored
            predictions = torch.argmax(logits[ok], dim=1)
            correct += (predictions == labels[ok]).sum().item()
            total += int(ok.sum())
    return correct / total
