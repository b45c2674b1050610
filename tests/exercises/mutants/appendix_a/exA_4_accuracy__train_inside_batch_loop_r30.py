# MUTANT: model.train() called at the end of each batch to "restore" the mode: every batch after
# the first is scored in training mode
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
            model.train()
    return correct / total


EXPECTED_CAUSE = 'a model.train() inside the batch loop'
