# MUTANT: a max_length longer than the model's context is refused with a ValueError instead of
# cutting to min(max_length, context_length)
import torch

EXPECTED_CAUSE = "refuses a max_length longer than the model's context"


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    context_length = model.pos_emb.weight.shape[0]
    if max_length is not None and max_length > context_length:
        raise ValueError(f"max_length {max_length} exceeds the context length {context_length}")
    input_ids = tokenizer.encode(text)
    limit = context_length if max_length is None else max_length
    input_ids = input_ids[:limit]
    if max_length is not None:
        input_ids = input_ids + [pad_token_id] * (limit - len(input_ids))
    input_tensor = torch.tensor(input_ids, device=device).unsqueeze(0)
    with torch.no_grad():
        logits = model(input_tensor)[:, -1, :]
    return "spam" if torch.argmax(logits, dim=-1).item() == 1 else "not spam"
