# Correct: top-1 indices of topk squeezed along dim 1, a @torch.no_grad() decorator
import torch


@torch.no_grad()
def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    for features, labels in dataloader:
        predictions = model(features).topk(1, dim=1).indices.squeeze(1)
        correct += int((predictions == labels).sum())
        total += labels.numel()
    return correct / total
