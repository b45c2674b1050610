import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    ids = tokenizer.encode(text)
    if max_length is None:
        ids = ids[:model.pos_emb.weight.shape[0]]
    else:
        ids = ids[:max_length] + [pad_token_id] * (max_length - len(ids[:max_length]))
    with torch.no_grad():
        logits = model(torch.tensor([ids], device=device))[:, -1, :]
    return "spam" if logits.argmax(-1).item() == 1 else "not spam"


EXPECTED_CAUSE = 'cut to max_length alone'
