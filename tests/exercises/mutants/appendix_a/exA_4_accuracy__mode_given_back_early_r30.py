# MUTANT: the caller's mode given back before the scoring loop (model.train(was_training) placed
# too early)
import torch


def compute_accuracy(model, dataloader):
    was_training = model.training
    model.eval()
    correct = 0
    total = 0
    model.train(was_training)
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'given back too early'
