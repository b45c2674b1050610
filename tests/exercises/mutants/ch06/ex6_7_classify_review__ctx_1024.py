# MUTANT: the context length typed in as 1024 (GPT-2's), not read from pos_emb
import torch

EXPECTED_CAUSE = "cut to 1,024"

def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    ids = tokenizer.encode(text)
    ctx = 1024
    limit = ctx if max_length is None else min(max_length, ctx)
    ids = ids[:limit]
    if max_length is not None:
        ids = ids + [pad_token_id] * (limit - len(ids))
    x = torch.tensor(ids, device=device).unsqueeze(0)
    with torch.no_grad():
        logits = model(x)[:, -1, :]
    return "spam" if logits.argmax(dim=-1).item() == 1 else "not spam"
