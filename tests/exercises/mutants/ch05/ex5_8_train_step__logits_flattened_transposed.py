# Mutant: logits flattened in (num_tokens, batch) order, targets in (batch, num_tokens).
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    flat = logits.transpose(0, 1).reshape(-1, logits.shape[-1])
    loss = torch.nn.functional.cross_entropy(flat, target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'logits were flattened in (num_tokens, batch) order'  # named in the message
