# MUTANT: the last token of idx (the prompt's, at the first step) is tested against eos_id at
#   the top of the loop, so a prompt ending with eos_id stops generation before anything is
#   drawn
import torch

EXPECTED_CAUSE = "prompt's last token is eos_id"


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        if eos_id is not None and bool((idx[:, -1] == eos_id).all()):
            break
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]  # (batch, vocab_size)
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            min_val = top_logits[:, -1:]  # (batch, 1): the k-th largest logit of each row
            logits = torch.where(logits < min_val, torch.full_like(logits, float("-inf")),
                                 logits)
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)  # (batch, 1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)  # (batch, 1)
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
