# Correct: torch.inference_mode, separate functions for the cached and uncached paths
import torch


def _uncached(model, idx, n, ctx):
    for _ in range(n):
        logits = model(idx[:, -ctx:])
        idx = torch.cat((idx, logits[:, -1].argmax(-1, keepdim=True)), dim=1)
    return idx


def _cached(model, idx, n, ctx):
    model.reset_kv_cache()
    logits = model(idx[:, -ctx:], use_cache=True)
    for _ in range(n):
        next_id = logits[:, -1].argmax(-1, keepdim=True)
        idx = torch.cat((idx, next_id), dim=1)
        slid = idx.size(1) > ctx
        if slid:
            model.reset_kv_cache()
        logits = model(idx[:, -ctx:] if slid else next_id, use_cache=True)
    return idx


def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    ctx = model.pos_emb.num_embeddings if context_size is None else context_size
    with torch.inference_mode():
        if use_cache:
            return _cached(model, idx, max_new_tokens, ctx)
        return _uncached(model, idx, max_new_tokens, ctx)
