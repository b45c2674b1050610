# Correct: padding appended in a while loop, view(1, -1), comparison of the two logits via argmax
import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    context_length = model.pos_emb.weight.shape[0]
    ids = list(tokenizer.encode(text))
    target = context_length if max_length is None else min(max_length, context_length)
    del ids[target:]
    if max_length is not None:
        while len(ids) < target:
            ids.append(pad_token_id)
    batch = torch.tensor(ids, device=device).view(1, -1)  # (1, num_tokens)
    model.eval()
    with torch.no_grad():
        predicted_label = torch.argmax(model(batch)[:, -1, :], dim=-1).item()
    return "spam" if predicted_label == 1 else "not spam"
