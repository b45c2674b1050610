import torch

EXPECTED_CAUSE = "a sigmoid is exactly 1.0"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            pred = torch.sigmoid(model(features)).argmax(dim=1)
            correct += (pred == labels).sum().item()
            total += len(labels)
    return correct / total
