# MUTANT: a model with one output scored by a sigmoid threshold (logit > 0 read as class 1)
# instead of the argmax the docstring asks for (always class 0 with one logit)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            if logits.shape[1] == 1:
                predictions = (torch.sigmoid(logits[:, 0]) > 0.5).long()
            else:
                predictions = torch.argmax(logits, dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "a threshold on the single logit"
