# MUTANT: the number of classes (probs.shape[1]) counted as the batch size
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            probs = torch.softmax(model(features), dim=1)
            correct += (probs.argmax(dim=1) == labels).sum().item()
            total += probs.shape[1]
    return correct / total


EXPECTED_CAUSE = "you counted the number of classes"
