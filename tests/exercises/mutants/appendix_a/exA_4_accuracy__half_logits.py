# MUTANT: logits cast to float16 before argmax: close logits tie, argmax picks the first
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            pred = torch.argmax(model(features).half(), dim=1)
            correct += (pred == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'rounds the logits before the argmax'  # the check's message must name this
