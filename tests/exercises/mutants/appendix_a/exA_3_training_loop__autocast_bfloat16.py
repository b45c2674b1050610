# MUTANT: forward pass under torch.autocast bfloat16: losses drift from float32
import torch
import torch.nn.functional as F


def train(model, train_loader, optimizer, num_epochs):
    losses = []
    for _ in range(num_epochs):
        model.train()
        for features, labels in train_loader:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(features)
            loss = F.cross_entropy(logits.float(), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses


EXPECTED_CAUSE = 'under torch.autocast with bfloat16'  # the check's message must name this
