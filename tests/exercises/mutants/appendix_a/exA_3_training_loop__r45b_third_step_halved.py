# MUTANT: every third batch's loss backpropagated at half weight (no replay matches: the
# fallback names the step before the first wrong loss)
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    step = 0
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            (loss * (0.5 if step % 3 == 2 else 1.0)).backward()
            optimizer.step()
            losses.append(loss.item())
            step += 1
    return losses


EXPECTED_CAUSE = "the first step that differs is the one taken on the batch before"
