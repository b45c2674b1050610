# Correct: the grad mode switched off by hand and put back to the mode the caller had
import torch


def compute_accuracy(model, dataloader):
    was_enabled = torch.is_grad_enabled()
    torch.set_grad_enabled(False)
    try:
        model.eval()
        correct = total = 0
        for features, labels in dataloader:
            correct += (model(features).argmax(dim=1) == labels).sum().item()
            total += len(labels)
    finally:
        torch.set_grad_enabled(was_enabled)
    return correct / total
