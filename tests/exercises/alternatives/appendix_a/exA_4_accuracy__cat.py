# Correct: collect predictions and labels, torch.cat, then one comparison; torch.max(...).indices
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    all_preds, all_labels = [], []
    with torch.no_grad():
        for features, labels in dataloader:
            all_preds.append(torch.max(model(features), dim=1).indices)
            all_labels.append(labels)
    preds = torch.cat(all_preds)
    labels = torch.cat(all_labels)
    return (preds == labels).sum().item() / labels.shape[0]
