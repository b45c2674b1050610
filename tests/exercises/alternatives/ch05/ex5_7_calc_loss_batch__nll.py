# Correct: log_softmax then nll_loss (the two halves of cross_entropy), reshape
import torch


def calc_loss_batch(input_batch, target_batch, model, device):
    inputs, targets = input_batch.to(device), target_batch.to(device)
    log_probas = torch.log_softmax(model(inputs), dim=-1)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.nll_loss(log_probas.reshape(-1, log_probas.shape[-1]),
                                        targets.reshape(-1))
