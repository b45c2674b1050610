# MUTANT: the ids are cut with ids[1:limit + 1] (an off-by-one start): a one-id text becomes empty
import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    ctx = model.pos_emb.weight.shape[0]
    n = ctx if max_length is None else min(max_length, ctx)
    ids = tokenizer.encode(text)[1:n + 1]
    if max_length is not None:
        ids += [pad_token_id] * (n - len(ids))
    with torch.no_grad():
        logits = model(torch.tensor([ids], device=device))[0, -1]
    return "spam" if int(logits.argmax()) == 1 else "not spam"


EXPECTED_CAUSE = 'received no ids at all'
