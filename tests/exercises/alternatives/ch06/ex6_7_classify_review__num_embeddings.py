# Correct: context from pos_emb.num_embeddings, a label list indexed by the class, [None, :] batch
# dim
import torch

LABELS = ("not spam", "spam")


def classify_review(text, model, tokenizer, device, max_length=None, pad_token_id=50256):
    context_length = model.pos_emb.num_embeddings
    ids = tokenizer.encode(text)
    if max_length is None:
        ids = ids[:context_length]
    else:
        length = min(max_length, context_length)
        ids = ids[:length] + [pad_token_id] * (length - len(ids[:length]))
    input_tensor = torch.tensor(ids, dtype=torch.long, device=device)[None, :]
    model.eval()
    with torch.no_grad():
        logits = model(input_tensor)[0, -1]  # (num_classes,)
    return LABELS[int(torch.argmax(logits))]
