# Correct: top-k on the softmax probabilities (zeros below the k-th; multinomial renormalises)
import torch


def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None,
             eos_id=None):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]  # (batch, vocab_size)
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            if top_k is not None:
                top_p, _ = torch.topk(probs, top_k)
                probs = torch.where(probs < top_p[:, -1:], torch.zeros_like(probs), probs)
            idx_next = torch.multinomial(probs, num_samples=1)  # (batch, 1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)  # top-k keeps it
        if eos_id is not None and bool((idx_next == eos_id).all()):
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
