# MUTANT: two mistakes at once: gradients clipped to norm 1.0 and optimizer.zero_grad() after
# the step instead of before it
import torch

EXPECTED_CAUSE = "; and the gradients were clipped"


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
