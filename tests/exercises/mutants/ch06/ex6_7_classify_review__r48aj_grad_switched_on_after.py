# MUTANT: gradients switched off with torch.set_grad_enabled(False) and back ON afterwards,
# whatever the caller had (inside the caller's torch.no_grad() block they are then on)
import torch

EXPECTED_CAUSE = "switched gradients back on"


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    input_ids = tokenizer.encode(text)
    context_length = model.pos_emb.weight.shape[0]
    limit = context_length if max_length is None else min(max_length, context_length)
    input_ids = input_ids[:limit]
    if max_length is not None:
        input_ids = input_ids + [pad_token_id] * (limit - len(input_ids))
    input_tensor = torch.tensor(input_ids, device=device).unsqueeze(0)
    torch.set_grad_enabled(False)
    logits = model(input_tensor)[:, -1, :]
    torch.set_grad_enabled(True)
    return "spam" if torch.argmax(logits, dim=-1).item() == 1 else "not spam"
