# Correct: use_cache=False delegates to llmscratch.generate_text_simple; cache also reset at the end
import torch

from llmscratch import generate_text_simple


def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    if context_size is None:
        context_size = model.pos_emb.num_embeddings
    if not use_cache:
        return generate_text_simple(model, idx, max_new_tokens, context_size)
    model.reset_kv_cache()
    try:
        with torch.no_grad():
            logits = model(idx[:, -context_size:], use_cache=True)
            for _ in range(max_new_tokens):
                next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
                idx = torch.cat((idx, next_id), dim=1)
                if idx.shape[1] > context_size:
                    model.reset_kv_cache()
                    logits = model(idx[:, -context_size:], use_cache=True)
                else:
                    logits = model(next_id, use_cache=True)
    finally:
        model.reset_kv_cache()  # leave no cache behind
    return idx
