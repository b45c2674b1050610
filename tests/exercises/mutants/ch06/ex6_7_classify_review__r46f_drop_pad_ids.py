# MUTANT: the text's own ids equal to pad_token_id filtered out before the cut and padding
import torch

EXPECTED_CAUSE = "because it equals pad_token_id"


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    input_ids = [i for i in tokenizer.encode(text) if i != pad_token_id]  # "no stray padding"
    context_length = model.pos_emb.weight.shape[0]
    limit = context_length if max_length is None else min(max_length, context_length)
    input_ids = input_ids[:limit]
    if max_length is not None:
        input_ids = input_ids + [pad_token_id] * (limit - len(input_ids))
    input_tensor = torch.tensor(input_ids, device=device).unsqueeze(0)
    with torch.no_grad():
        logits = model(input_tensor)[:, -1, :]
    return "spam" if torch.argmax(logits, dim=-1).item() == 1 else "not spam"
