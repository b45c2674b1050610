# MUTANT: the summed loss (reduction="sum") backpropagated and the mean returned: the
# gradients are batch x num_tokens times too large (AdamW hides most of it)
import torch

EXPECTED_CAUSE = "the loss was scaled before backward()"


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                             reduction="sum")
    loss.backward()
    optimizer.step()
    return loss.item() / target_batch.numel()
