# MUTANT: matching one-hot entries divided by the number of classes (right only for 2)
import torch
import torch.nn.functional as F


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            num_classes = logits.shape[1]
            pred_1h = F.one_hot(logits.argmax(dim=1), num_classes)
            label_1h = F.one_hot(labels, num_classes)
            correct += (pred_1h == label_1h).sum().item() / num_classes
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "share of matching entries between one-hot predictions"
