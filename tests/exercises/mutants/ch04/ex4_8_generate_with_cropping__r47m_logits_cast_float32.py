# MUTANT: the logits cast to float32 (.float()) before the argmax, so a float64 model's
# near-equal logits tie.
import torch


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = model(idx[:, -context_size:]).float()
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
    return idx

EXPECTED_CAUSE = "cast to float32 before the argmax"
