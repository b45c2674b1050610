# MUTANT: the plain path (use_cache=False) pads a short window on the left with id 0.
import torch

EXPECTED_CAUSE = "put before it, padding it"


def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    if context_size is None:
        context_size = model.pos_emb.num_embeddings
    with torch.no_grad():
        if not use_cache:
            for _ in range(max_new_tokens):
                win = idx[:, -context_size:]
                pad = torch.zeros(idx.shape[0], context_size - win.shape[1], dtype=idx.dtype)
                logits = model(torch.cat((pad, win), dim=1))
                idx = torch.cat((idx, logits[:, -1].argmax(dim=-1, keepdim=True)), dim=1)
            return idx
        model.reset_kv_cache()
        logits = model(idx[:, -context_size:], use_cache=True)
        for _ in range(max_new_tokens):
            next_id = logits[:, -1].argmax(dim=-1, keepdim=True)
            idx = torch.cat((idx, next_id), dim=1)
            if idx.shape[1] <= context_size:
                logits = model(next_id, use_cache=True)  # only the new token
            else:  # the window slid: refill the cache from the cropped window
                model.reset_kv_cache()
                logits = model(idx[:, -context_size:], use_cache=True)
    return idx
