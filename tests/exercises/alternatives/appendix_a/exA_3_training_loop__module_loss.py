# Correct: nn.CrossEntropyLoss module, zero_grad(set_to_none=True) before the forward pass,
# float(loss)
import torch.nn as nn


def train(model, train_loader, optimizer, num_epochs):
    loss_fn = nn.CrossEntropyLoss()
    history = []
    for epoch in range(num_epochs):
        model.train(True)
        for batch_idx, (features, labels) in enumerate(train_loader):
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(features), labels)
            loss.backward()
            optimizer.step()
            history.append(float(loss.detach()))
    return history
