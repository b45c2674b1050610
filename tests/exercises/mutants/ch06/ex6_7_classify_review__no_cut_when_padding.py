# MUTANT: with max_length given the ids are padded but never cut (a text longer than max_length
# stays whole)
import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    ids = tokenizer.encode(text)
    ctx = model.pos_emb.weight.shape[0]
    if max_length is None:
        ids = ids[:ctx]
    else:
        ids = ids + [pad_token_id] * max(0, min(max_length, ctx) - len(ids))
    with torch.no_grad():
        logits = model(torch.tensor(ids, device=device).unsqueeze(0))[:, -1, :]
    return "spam" if logits.argmax(-1).item() == 1 else "not spam"


EXPECTED_CAUSE = 'pads but never cuts'
