# MUTANT: context_size renamed context_length (the config's key); callers passing context_size= fail
import torch

EXPECTED_CAUSE = "keep the parameter names of the docstring"


def generate_text_simple_cached(model, idx, max_new_tokens, context_length=None, use_cache=True):
    if context_length is None:
        context_length = model.pos_emb.num_embeddings
    with torch.no_grad():
        if not use_cache:
            for _ in range(max_new_tokens):
                logits = model(idx[:, -context_length:])
                idx = torch.cat((idx, logits[:, -1].argmax(dim=-1, keepdim=True)), dim=1)
            return idx
        model.reset_kv_cache()
        logits = model(idx[:, -context_length:], use_cache=True)
        for _ in range(max_new_tokens):
            next_id = logits[:, -1].argmax(dim=-1, keepdim=True)
            idx = torch.cat((idx, next_id), dim=1)
            if idx.shape[1] <= context_length:
                logits = model(next_id, use_cache=True)
            else:
                model.reset_kv_cache()
                logits = model(idx[:, -context_length:], use_cache=True)
    return idx
