# MUTANT: wraps every leaf module with a weight, embeddings too
from llmscratch import LinearWithLoRA


def _wrap(m, r, a):
    for name, c in m.named_children():
        if hasattr(c, "weight") and not list(c.children()):
            setattr(m, name, LinearWithLoRA(c, r, a))
        else:
            _wrap(c, r, a)
def add_lora_adapters(model, rank, alpha):
    for p in model.parameters():
        p.requires_grad = False
    _wrap(model, rank, alpha)
    return model


EXPECTED_CAUSE = "given the Embedding layer"
