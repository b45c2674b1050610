# MUTANT: the text padded to max_length first, then cropped to the LAST context_length ids
# (as generate_text_simple crops): with max_length past the context, the padding pushes out
# the message's first ids
import torch

EXPECTED_CAUSE = "and then kept the last"


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    model.eval()
    input_ids = tokenizer.encode(text)
    context_length = model.pos_emb.weight.shape[0]
    if max_length is not None:
        input_ids = input_ids[:max_length]
        input_ids = input_ids + [pad_token_id] * (max_length - len(input_ids))
    x = torch.tensor(input_ids, device=device).unsqueeze(0)
    x = x[:, -context_length:]  # crop to the supported context, as in generate_text_simple
    with torch.no_grad():
        logits = model(x)[:, -1, :]
    return "spam" if torch.argmax(logits, dim=-1).item() == 1 else "not spam"
