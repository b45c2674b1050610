# MUTANT: per-batch predictions joined with torch.stack, which fails on the uneven last batch
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    all_predictions, all_labels = [], []
    with torch.no_grad():
        for features, labels in dataloader:
            all_predictions.append(torch.argmax(model(features), dim=1))
            all_labels.append(labels)
    predictions = torch.stack(all_predictions)
    labels = torch.stack(all_labels)
    return (predictions == labels).sum().item() / labels.numel()

EXPECTED_CAUSE = "join them with torch.cat"
