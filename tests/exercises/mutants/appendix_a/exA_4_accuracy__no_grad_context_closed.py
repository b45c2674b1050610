# MUTANT: the with torch.no_grad() block holds only model.eval(), not the loop
import torch


def compute_accuracy(model, dataloader):
    with torch.no_grad():
        model.eval()
    correct, total = 0, 0
    for features, labels in dataloader:
        predictions = torch.argmax(model(features), dim=1)
        correct += (predictions == labels).sum().item()
        total += len(labels)
    return correct / total


EXPECTED_CAUSE = "forward passes ran outside it"
