# MUTANT: the Linear layers are found by GPTModel's attribute names (W_query, W_key, W_value,
# out_proj, ff.layers[0]/[2], out_head), not by walking the modules, so any other model's
# Linear layers (or a head added later) are left unwrapped
from llmscratch import LinearWithLoRA


def add_lora_adapters(model, rank, alpha):
    for param in model.parameters():
        param.requires_grad = False
    for block in model.trf_blocks:
        for name in ("W_query", "W_key", "W_value", "out_proj"):
            setattr(block.att, name, LinearWithLoRA(getattr(block.att, name), rank, alpha))
        for idx in (0, 2):
            block.ff.layers[idx] = LinearWithLoRA(block.ff.layers[idx], rank, alpha)
    model.out_head = LinearWithLoRA(model.out_head, rank, alpha)
    return model

EXPECTED_CAUSE = "GPTModel's own attributes"
