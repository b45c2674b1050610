# MUTANT: only the Dropout layers switched to eval mode, not the model
import torch


def compute_accuracy(model, dataloader):
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "call model.eval() before scoring"
