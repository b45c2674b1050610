# Correct: cross_entropy on transposed logits (batch, vocab, tokens), loss value read before
# backward
import torch.nn.functional as F


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    logits = model(input_batch.to(device))
    loss = F.cross_entropy(logits.transpose(1, 2), target_batch.to(device))
    value = loss.item()
    loss.backward()
    optimizer.step()
    return value
