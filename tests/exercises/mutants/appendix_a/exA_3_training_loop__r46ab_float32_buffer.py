# MUTANT: the losses written into a preallocated torch.zeros buffer (float32) and returned with
# tolist(), so a float64 model's losses come back rounded to float32
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "the losses are stored in float32 on the way"


def train(model, train_loader, optimizer, num_epochs):
    losses = torch.zeros(num_epochs * len(train_loader))
    step = 0
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            logits = model(features)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses[step] = loss.item()
            step += 1
    return losses.tolist()
