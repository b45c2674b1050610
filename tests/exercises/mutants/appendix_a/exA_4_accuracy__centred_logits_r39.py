# MUTANT: logits centred over the batch (logits - logits.mean(dim=0)) before the argmax
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            logits = logits - logits.mean(dim=0)
            predictions = torch.argmax(logits, dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "your predictions depend on the other examples of their batch"
