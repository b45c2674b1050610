# MUTANT: softmax over dim 0 (the batch of one): every probability is 1, argmax always class 0
import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    ids = tokenizer.encode(text)
    ctx = model.pos_emb.weight.shape[0]
    limit = ctx if max_length is None else min(max_length, ctx)
    ids = ids[:limit]
    if max_length is not None:
        ids = ids + [pad_token_id] * (limit - len(ids))
    x = torch.tensor(ids, device=device).unsqueeze(0)
    with torch.no_grad():
        logits = model(x)[:, -1, :]
    probas = torch.softmax(logits, dim=0)
    return "spam" if torch.argmax(probas, dim=-1).item() == 1 else "not spam"


EXPECTED_CAUSE = 'your softmax runs over dim 0'
