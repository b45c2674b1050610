# MUTANT: model.train() where model.eval() belongs
import torch


def compute_accuracy(model, dataloader):
    model.train()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "calls model.train()"
