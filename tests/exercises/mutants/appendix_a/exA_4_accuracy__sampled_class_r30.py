# MUTANT: the predicted class drawn from the softmax (`torch.multinomial`) instead of taken as the
# argmax
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            probs = torch.softmax(model(features), dim=1)
            predictions = torch.multinomial(probs, 1).squeeze(1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = 'your score changes with the random seed'
