# MUTANT: a hand-written cross entropy gathering with labels[None] (shape (1, batch)), so every
# label's log-probability is read from the first example's row
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            log_probs = F.log_softmax(logits, dim=1)
            loss = -log_probs.gather(1, labels[None]).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = "from the first example's row"
