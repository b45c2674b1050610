# Correct: `@torch.no_grad()` as a decorator, the MNIST example's `pred.eq(target.view_as(pred))`
import torch


@torch.no_grad()
def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    for features, labels in dataloader:
        pred = model(features).argmax(dim=1, keepdim=True)
        correct += pred.eq(labels.view_as(pred)).sum().item()
        total += labels.numel()
    return correct / total
