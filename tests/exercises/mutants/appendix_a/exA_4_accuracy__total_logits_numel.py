# MUTANT: the total counts logits.numel() (batch size times classes) instead of the batch size
import torch

EXPECTED_CAUSE = 'you counted logits.numel()'


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            predictions = torch.argmax(logits, dim=1)
            correct += (predictions == labels).sum().item()
            total += logits.numel()
    return correct / total
