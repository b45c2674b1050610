# MUTANT: the forward pass under bfloat16 autocast (close logits tie or swap)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(features)
            predictions = torch.argmax(logits, dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "torch.autocast"
