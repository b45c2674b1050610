# MUTANT: the two class probabilities rounded to two places before they are compared, so a
# near tie (0.5005 against 0.4995) becomes a tie and answers 'not spam'
import torch

EXPECTED_CAUSE = "compared after rounding"


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    input_ids = tokenizer.encode(text)
    context_length = model.pos_emb.weight.shape[0]
    limit = context_length if max_length is None else min(max_length, context_length)
    input_ids = input_ids[:limit]
    if max_length is not None:
        input_ids = input_ids + [pad_token_id] * (limit - len(input_ids))
    input_tensor = torch.tensor(input_ids, device=device).unsqueeze(0)
    with torch.no_grad():
        probas = torch.softmax(model(input_tensor)[0, -1], dim=-1)
    return "spam" if round(probas[1].item(), 2) > round(probas[0].item(), 2) else "not spam"
