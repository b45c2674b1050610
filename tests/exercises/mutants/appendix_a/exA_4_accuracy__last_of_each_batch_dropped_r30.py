# MUTANT: the comparison sliced [:-1] (meant to drop a padding entry): the last example of every
# batch is never counted right
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions[:-1] == labels[:-1]).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'in batches of 1 you count NO right prediction'
