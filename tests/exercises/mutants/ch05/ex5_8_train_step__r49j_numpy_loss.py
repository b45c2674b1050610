# MUTANT: the loss returned as a 0-d NumPy array (loss.detach().cpu().numpy()), not a float
import torch

EXPECTED_CAUSE = "got ndarray"


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()  # gradients add up across backward() calls unless cleared
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.detach().cpu().numpy()
