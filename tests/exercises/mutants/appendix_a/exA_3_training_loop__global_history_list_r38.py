# MUTANT: one module-level losses list, cleared and returned by every call
import torch.nn.functional as F

HISTORY = []  # kept for plotting


def train(model, train_loader, optimizer, num_epochs):
    HISTORY.clear()
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            HISTORY.append(loss.item())
    return HISTORY

EXPECTED_CAUSE = "both calls hand out the same list object"
