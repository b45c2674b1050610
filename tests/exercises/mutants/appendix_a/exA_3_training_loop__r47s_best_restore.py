# MUTANT: the best epoch's weights saved and loaded back after the loops (a best-checkpoint restore)
import copy

import torch.nn.functional as F

EXPECTED_CAUSE = "best-checkpoint restore"


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    best_loss, best_state = float("inf"), None
    for _ in range(num_epochs):
        model.train()
        epoch_losses = []
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            epoch_losses.append(loss.item())
        losses.extend(epoch_losses)
        mean = sum(epoch_losses) / max(len(epoch_losses), 1)
        if mean < best_loss:
            best_loss, best_state = mean, copy.deepcopy(model.state_dict())
    if best_state is not None:
        model.load_state_dict(best_state)
    return losses
