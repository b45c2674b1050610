# MUTANT: last block found by name f'trf_blocks.{len(model.trf_blocks)}.' (off by one)
import torch


def prepare_classifier(model, num_classes, trainable):
    """Turn a ``GPTModel`` into a classifier in place; return how many parameters train.

    ``trainable``: "last_layer" (only the new head), "last_block" (head, ``final_norm`` and the
    last transformer block) or "all" (every parameter).
    """
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)  # new: trainable by default
    if trainable == "last_block":
        last = f"trf_blocks.{len(model.trf_blocks)}."
        for name, param in model.named_parameters():
            if name.startswith(last) or name.startswith("final_norm."):
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "'trf_blocks.3.' names nothing"
