# MUTANT: the caller's mode restored with `model.training = was_training` (the top module only): a
# model handed over in training mode comes back with its layers in eval mode
import torch


def compute_accuracy(model, dataloader):
    was_training = model.training
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    model.training = was_training
    return correct / total


EXPECTED_CAUSE = 'sets the flag of the model itself only; give the mode back'
