# MUTANT: the product under torch.autocast (bfloat16 on the CPU): rounded rows, bfloat16
import torch


def embedding_via_onehot(token_ids, weight):
    one_hot = torch.nn.functional.one_hot(token_ids, num_classes=weight.shape[0])
    one_hot = one_hot.to(weight.dtype)
    kind = token_ids.device.type if token_ids.device.type in ("cpu", "cuda") else "cpu"
    with torch.autocast(device_type=kind):
        return one_hot @ weight


EXPECTED_CAUSE = 'runs under torch.autocast'
