# MUTANT: the slide test is model.current_pos < the model's context, not context_size
import torch

EXPECTED_CAUSE = "until the cache held 12 tokens, the model's context"


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
            if model.current_pos < model.pos_emb.num_embeddings:
                logits = model(next_id, use_cache=True)
            else:
                model.reset_kv_cache()
                logits = model(idx[:, -context_size:], use_cache=True)
    return idx
