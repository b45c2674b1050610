# MUTANT: log_softmax taken over dim 1 (the token positions of (batch, tokens, vocab)) instead of
#   the vocabulary, then nll_loss
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "the log-softmax was taken over dim 1"


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    logp = F.log_softmax(logits, dim=1)
    loss = F.nll_loss(logp.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()
