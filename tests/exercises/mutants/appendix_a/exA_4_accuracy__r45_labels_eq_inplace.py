# MUTANT: matches counted with an in-place labels.eq_(predictions), which overwrites the batch
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            total += len(labels)
            correct += labels.eq_(predictions).sum().item()
    return correct / total


EXPECTED_CAUSE = "the result of an in-place comparison such as labels.eq_(predictions)"
