# MUTANT: the total as (batches - 1) * dataloader.batch_size + the last batch's size
import torch

EXPECTED_CAUSE = "which is None for a loader built with a batch_sampler"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    num_batches = 0
    last_size = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            num_batches += 1
            last_size = len(labels)
    total = (num_batches - 1) * dataloader.batch_size + last_size
    return correct / total
