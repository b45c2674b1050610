# Correct: a count of cached positions decides the refill; helpers for the argmax and the plain loop
import torch


def _next_token(logits):
    return logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (batch, 1)


def _plain(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx = torch.cat([idx, _next_token(model(idx[:, -context_size:]))], dim=1)
    return idx


@torch.no_grad()
def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    context_size = context_size or model.pos_emb.num_embeddings
    if not use_cache:
        return _plain(model, idx, max_new_tokens, context_size)
    model.reset_kv_cache()
    window = idx[:, -context_size:]
    logits = model(window, use_cache=True)
    cached = window.shape[1]
    for _ in range(max_new_tokens):
        new = _next_token(logits)
        idx = torch.cat([idx, new], dim=1)
        if cached + 1 > context_size:
            model.reset_kv_cache()
            window = idx[:, -context_size:]
            logits = model(window, use_cache=True)
            cached = window.shape[1]
        else:
            logits = model(new, use_cache=True)
            cached += 1
    return idx
