import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    ids = tokenizer.encode(text)
    context_length = model.pos_emb.weight.shape[0]
    limit = context_length if max_length is None else min(max_length, context_length)
    ids = ids[:limit]
    if max_length is not None:
        ids = ids + [pad_token_id] * (limit - len(ids))
    with torch.no_grad():
        logits = model(torch.tensor([ids], device=device))[:, -1, :]
    return "spam" if torch.softmax(logits, dim=-1)[0, 1] > 0.6 else "not spam"


EXPECTED_CAUSE = 'chosen by a threshold or a margin'
