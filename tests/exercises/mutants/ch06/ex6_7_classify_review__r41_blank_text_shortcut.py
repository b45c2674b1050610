# MUTANT: a blank or whitespace-only text answered "not spam" without the model
import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    if not text.strip():
        return "not spam"
    model.eval()
    ids = tokenizer.encode(text)
    context_length = model.pos_emb.weight.shape[0]
    limit = context_length if max_length is None else min(max_length, context_length)
    ids = ids[:limit]
    if max_length is not None:
        ids = ids + [pad_token_id] * (limit - len(ids))
    x = torch.tensor(ids, device=device).unsqueeze(0)
    with torch.no_grad():
        logits = model(x)[:, -1, :]
    return "spam" if logits.argmax(dim=-1).item() == 1 else "not spam"

EXPECTED_CAUSE = "returned 'not spam' for this blank text"
