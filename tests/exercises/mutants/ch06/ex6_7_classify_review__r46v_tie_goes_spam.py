# MUTANT: class 1 chosen on a tie (logits[1] >= logits[0])
import torch


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    input_ids = tokenizer.encode(text)
    context_length = model.pos_emb.weight.shape[0]
    limit = context_length if max_length is None else min(max_length, context_length)
    input_ids = input_ids[:limit]
    if max_length is not None:
        input_ids = input_ids + [pad_token_id] * (limit - len(input_ids))
    input_tensor = torch.tensor(input_ids, device=device).unsqueeze(0)  # (1, num_tokens)
    with torch.no_grad():
        logits = model(input_tensor)[:, -1, :]
    return "spam" if logits[0, 1] >= logits[0, 0] else "not spam"


EXPECTED_CAUSE = 'lets class 1 win a tie'
