# MUTANT: a point counted right when its label's logit equals the largest logit (a tie
# counts for every tied class: an all-zero model scores 100%)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            label_logit = logits.gather(1, labels.unsqueeze(1)).squeeze(1)
            correct += (label_logit == logits.max(dim=1).values).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "a tied point counts for whichever of its tied classes is the label"
