# MUTANT: an example counted right when its label's logit is positive
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            correct += (logits.gather(1, labels.view(-1, 1)) > 0).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "when the logit of its label is positive"
