# Correct: every batch collected in one pass, the model run once on all the features
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    feats, labs = [], []
    for features, labels in dataloader:
        feats.append(features)
        labs.append(labels)
    with torch.no_grad():
        predictions = torch.argmax(model(torch.cat(feats)), dim=1)
    labels = torch.cat(labs)
    return (predictions == labels).sum().item() / len(labels)
