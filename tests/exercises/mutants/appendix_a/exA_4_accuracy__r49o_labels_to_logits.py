# MUTANT: labels moved with labels.to(logits): a float16 model turns class 2049 into 2048
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            labels = labels.to(logits)  # same device as the logits
            predictions = torch.argmax(logits, dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "cast to the logits' dtype"
