# MUTANT: results memoised by text: a second call with another max_length/model returns the first
# answer
import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    key = text
    if key in _CACHE:
        return _CACHE[key]
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
    _CACHE[key] = "spam" if torch.argmax(logits, dim=-1).item() == 1 else "not spam"
    return _CACHE[key]


_CACHE = {}


EXPECTED_CAUSE = 'kept from an earlier call'
