# MUTANT: skips a last batch smaller than batch_size
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            if len(labels) < dataloader.batch_size:
                break
            correct += (model(features).argmax(1) == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'skipped the last batch because it is shorter'
