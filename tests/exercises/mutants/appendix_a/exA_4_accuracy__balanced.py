# MUTANT: per-class accuracy averaged (balanced accuracy) instead of correct over examples
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    hits, counts = {}, {}
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            for p, y in zip(predictions.tolist(), labels.tolist()):
                counts[y] = counts.get(y, 0) + 1
                hits[y] = hits.get(y, 0) + int(p == y)
    return sum(hits[c] / counts[c] for c in counts) / len(counts)


EXPECTED_CAUSE = 'balanced accuracy'
