# MUTANT: calls model.eval() and leaves the caller's model in eval mode (side effect on the model)
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    model.eval()
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:])
        idx = torch.cat((idx, logits[:, -1, :].argmax(dim=-1, keepdim=True)), dim=1)
    return idx


EXPECTED_CAUSE = 'switched the model to eval mode'
