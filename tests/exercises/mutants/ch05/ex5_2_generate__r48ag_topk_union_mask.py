# MUTANT: the top-k keep-mask indexed as mask[:, top_idx], which marks every row's top-k
# columns in every row, so on a batch a row keeps tokens from the other rows' top k
import torch


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]
        if top_k is not None:
            _, top_idx = torch.topk(logits, top_k)
            mask = torch.ones_like(logits, dtype=torch.bool)
            mask[:, top_idx] = False
            logits = logits.masked_fill(mask, float("-inf"))
        if temperature > 0.0:
            idx_next = torch.multinomial(torch.softmax(logits / temperature, dim=-1), 1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx

EXPECTED_CAUSE = "the columns of every row's top k"
