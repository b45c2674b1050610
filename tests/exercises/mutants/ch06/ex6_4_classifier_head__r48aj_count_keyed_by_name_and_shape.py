# MUTANT: the count kept in a dict keyed by the parameter's last name part and shape, so
# W_query/W_key/W_value's weights (and norm1/norm2's scale and shift) count once
import torch

EXPECTED_CAUSE = "one size per last name part and shape"


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    sizes = {}
    for name, param in model.named_parameters():
        if param.requires_grad:
            sizes[name.split(".")[-1] + str(tuple(param.shape))] = param.numel()
    return sum(sizes.values())
