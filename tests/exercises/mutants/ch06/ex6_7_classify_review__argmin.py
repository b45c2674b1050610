import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    ids = tokenizer.encode(text)
    ctx = model.pos_emb.weight.shape[0]
    limit = ctx if max_length is None else min(max_length, ctx)
    ids = ids[:limit]
    if max_length is not None:
        ids = ids + [pad_token_id] * (limit - len(ids))
    with torch.no_grad():
        logits = model(torch.tensor([ids], device=device))[:, -1, :]
    return "spam" if logits.argmin(-1).item() == 1 else "not spam"


EXPECTED_CAUSE = "the class with the SMALLEST logit was taken"
