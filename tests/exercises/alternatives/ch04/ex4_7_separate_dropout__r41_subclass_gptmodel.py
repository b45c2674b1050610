"""Alternative: GPTModel subclassed, each dropout's p set after construction (same modules,
same order, same state_dict)."""
from llmscratch import GPTModel


class GPTModelSeparateDropout(GPTModel):
    def __init__(self, cfg):
        super().__init__({**cfg, "drop_rate": cfg["drop_rate_emb"]})
        for block in self.trf_blocks:
            block.att.dropout.p = cfg["drop_rate_attn"]
            block.drop_shortcut.p = cfg["drop_rate_shortcut"]
