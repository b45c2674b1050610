# Correct: torch.LongTensor(ids).unsqueeze(0).to(device), model.eval() before encoding,
# the prediction read with max() over the classes
import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    context_length = model.pos_emb.weight.shape[0]
    length = context_length if max_length is None else min(max_length, context_length)
    ids = tokenizer.encode(text)[:length]
    if max_length is not None:
        ids += [pad_token_id] * (length - len(ids))
    batch = torch.LongTensor(ids).unsqueeze(0).to(device)  # (1, num_tokens)
    with torch.no_grad():
        logits = model(batch)[:, -1, :]
    _, predicted = torch.max(logits, dim=-1)
    return "spam" if predicted.item() == 1 else "not spam"
