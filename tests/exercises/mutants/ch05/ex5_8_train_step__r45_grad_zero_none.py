# MUTANT: gradients cleared with p.grad.zero_() over all parameters: crashes on a fresh model
#   whose grads are None
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    for p in model.parameters():
        p.grad.zero_()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = "gradients are None"  # named in the message
