# MUTANT: the loss weighted by classes balanced over the whole data set (weight= from the
# dataset's inverse class counts), where the plain mean belongs
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    # balance the classes over the whole training set
    all_labels = torch.stack([torch.as_tensor(item[1]) for item in train_loader.dataset])
    counts = torch.bincount(all_labels).float()
    weight = counts.sum() / (len(counts) * counts.clamp(min=1))
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            w = weight.to(logits.dtype)
            if len(w) < logits.shape[1]:
                w = torch.cat([w, torch.ones(logits.shape[1] - len(w), dtype=w.dtype)])
            loss = F.cross_entropy(logits, labels, weight=w)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

EXPECTED_CAUSE = "class weights from the inverse class counts"
