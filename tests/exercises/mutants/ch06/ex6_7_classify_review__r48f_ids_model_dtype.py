# MUTANT: the input ids cast to the model's dtype and back to long: bfloat16 rounds the padding id
# 50,256 to 50,176
import torch

EXPECTED_CAUSE = "passed through bfloat16"


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    ids = tokenizer.encode(text)
    context_length = model.pos_emb.weight.shape[0]
    limit = context_length if max_length is None else min(max_length, context_length)
    ids = ids[:limit]
    if max_length is not None:
        ids = ids + [pad_token_id] * (limit - len(ids))
    x = torch.tensor(ids, device=device).unsqueeze(0)
    x = x.to(next(model.parameters()).dtype).long()  # match the model's dtype
    with torch.no_grad():
        logits = model(x)[:, -1, :]
    return "spam" if torch.argmax(logits, dim=-1).item() == 1 else "not spam"
