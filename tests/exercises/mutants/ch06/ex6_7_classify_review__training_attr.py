# MUTANT: model.training = False by hand: the dropout submodule stays in train mode
import torch

EXPECTED_CAUSE = "model.training = False sets that one attribute"

def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.training = False
    ids = tokenizer.encode(text)
    ctx = model.pos_emb.weight.shape[0]
    limit = ctx if max_length is None else min(max_length, ctx)
    ids = ids[:limit]
    if max_length is not None:
        ids = ids + [pad_token_id] * (limit - len(ids))
    x = torch.tensor(ids, device=device).unsqueeze(0)
    with torch.no_grad():
        logits = model(x)[:, -1, :]
    return "spam" if logits.argmax(dim=-1).item() == 1 else "not spam"
