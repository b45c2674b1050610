# MUTANT: attention = whole block minus ff (both norms counted).
from llmscratch import FeedForward, TransformerBlock


def block_parameter_counts(cfg):
    block = TransformerBlock(cfg)
    ff = sum(p.numel() for p in block.ff.parameters())
    return {"feed_forward": ff, "attention": sum(p.numel() for p in block.parameters()) - ff}


EXPECTED_CAUSE = 'counted norm1 and norm2'
