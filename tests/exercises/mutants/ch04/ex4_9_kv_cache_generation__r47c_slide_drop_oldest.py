# MUTANT: when the sequence outgrows context_size, the oldest cached keys and values are
# sliced off (and current_pos lowered) instead of a reset and a refill of the window.
import torch

EXPECTED_CAUSE = "never reset and refilled"


def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    if context_size is None:
        context_size = model.pos_emb.num_embeddings
    with torch.no_grad():
        if not use_cache:
            for _ in range(max_new_tokens):
                logits = model(idx[:, -context_size:])
                idx = torch.cat((idx, logits[:, -1].argmax(dim=-1, keepdim=True)), dim=1)
            return idx
        model.reset_kv_cache()
        logits = model(idx[:, -context_size:], use_cache=True)
        for _ in range(max_new_tokens):
            next_id = logits[:, -1].argmax(dim=-1, keepdim=True)
            idx = torch.cat((idx, next_id), dim=1)
            if model.current_pos >= context_size:  # full: drop the oldest cached token
                for block in model.trf_blocks:
                    block.att.cache_k = block.att.cache_k[:, :, 1:]
                    block.att.cache_v = block.att.cache_v[:, :, 1:]
                model.current_pos -= 1
            logits = model(next_id, use_cache=True)
    return idx
