# Correct: inference_mode, ids tensor built on the CPU then moved, F.pad for the padding
import torch
import torch.nn.functional as F


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    context_length = model.pos_emb.weight.shape[0]
    limit = context_length if max_length is None else min(max_length, context_length)
    ids = torch.tensor(tokenizer.encode(text)[:limit], dtype=torch.long)
    if max_length is not None:
        ids = F.pad(ids, (0, limit - ids.shape[0]), value=pad_token_id)
    with torch.inference_mode():
        logits = model(ids.unsqueeze(0).to(device))[:, -1, :]
    predicted = logits.argmax(dim=-1).item()
    return {0: "not spam", 1: "spam"}[predicted]
