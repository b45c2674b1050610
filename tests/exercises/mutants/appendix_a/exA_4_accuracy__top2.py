import torch

EXPECTED_CAUSE = "counts every example as right whatever"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            top = torch.topk(logits, k=min(2, logits.shape[1]), dim=1).indices
            correct += (top == labels.unsqueeze(1)).any(dim=1).sum().item()
            total += len(labels)
    return correct / total
