# MUTANT: tensor built with unsqueeze(1): shape (num_tokens, 1), every token a separate one-token
# message
import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    ids = tokenizer.encode(text)
    ctx = model.pos_emb.weight.shape[0]
    limit = ctx if max_length is None else min(max_length, ctx)
    ids = ids[:limit]
    if max_length is not None:
        ids = ids + [pad_token_id] * (limit - len(ids))
    x = torch.tensor(ids, device=device).unsqueeze(1)
    with torch.no_grad():
        logits = model(x)[:, -1, :]
    return "spam" if torch.argmax(logits, dim=-1)[-1].item() == 1 else "not spam"


EXPECTED_CAUSE = 'every token became a message of its own'
