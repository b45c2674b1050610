# Correct: feed-then-pick order: the token to feed is kept in a variable, the last step feeds
# nothing
import torch


def generate_text_simple_cached(model, idx, max_new_tokens, context_size=None, use_cache=True):
    if context_size is None:
        context_size = model.pos_emb.num_embeddings
    with torch.no_grad():
        if use_cache:
            model.reset_kv_cache()
        to_feed = idx[:, -context_size:]
        for step in range(max_new_tokens):
            if use_cache:
                logits = model(to_feed, use_cache=True)
            else:
                logits = model(idx[:, -context_size:])
            next_id = torch.argmax(logits[:, -1, :], dim=-1, keepdim=True)
            idx = torch.cat((idx, next_id), dim=1)
            if idx.shape[1] > context_size and use_cache:
                model.reset_kv_cache()  # the window slid: every position changed
                to_feed = idx[:, -context_size:]
            else:
                to_feed = next_id
    return idx
