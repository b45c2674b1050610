# MUTANT: the argmax of unnormalised exponentials, torch.exp(logits) (inf above a logit of
# about 88.7 in float32, so large logits tie)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            scores = torch.exp(model(features))  # unnormalised probabilities
            predictions = torch.argmax(scores, dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "torch.exp of a float32 logit above about 88.7 is inf"
