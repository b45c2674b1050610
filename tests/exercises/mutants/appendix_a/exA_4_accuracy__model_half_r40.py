# MUTANT: the model cast to float16 for fast inference (model.half())
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    model.half()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features.half()), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'and cast the model too'  # the check's message must name this
