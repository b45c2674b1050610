# MUTANT: whole model's parameters (embeddings, head, final norm) divided by n_layers, split 2:1
from llmscratch import FeedForward, GPTModel, MultiHeadAttention


def block_parameter_counts(cfg):
    model = GPTModel(cfg)
    per_block = sum(p.numel() for p in model.parameters()) // cfg["n_layers"]
    return {"feed_forward": per_block * 2 // 3, "attention": per_block // 3}

EXPECTED_CAUSE = 'divided by n_layers'
