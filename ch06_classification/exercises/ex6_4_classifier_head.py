"""Exercise 6.4: a new classification head, freezing, and counting what trains.

Its "all" option is book exercise 6.2.

GPT-2's output head maps 768 dimensions to 50,257 vocabulary logits. For spam detection we need
two outputs, so we replace the head, freeze most of the pretrained model and train the rest. The
book's exercise 6.2 finetunes the whole model instead ("all" here); compare the two with
``finetune_classifier.py --trainable all``.
Check your answer with ``python -m llmscratch check ch06 --only ex6_4``.
"""

import torch  # noqa: F401


def prepare_classifier(model, num_classes, trainable):
    """Turn a ``GPTModel`` into a classifier (in place) and return the trainable parameter count.

    1. Freeze: ``requires_grad = False`` on every parameter; with ``trainable == "all"``,
       ``requires_grad = True`` on every one instead (the model may arrive partly frozen).
    2. Replace ``model.out_head`` by ``torch.nn.Linear(emb_dim, num_classes)``, where
       ``emb_dim`` is the old head's ``in_features``. A new layer trains by default.
    3. With ``trainable == "last_block"`` also unfreeze ``model.trf_blocks[-1]`` and
       ``model.final_norm`` (the book's choice). With "last_layer" only the head trains.
    Return the number of parameters with ``requires_grad`` set. For GPT-2 small and
    "last_block": 7,090,946 (the last block's 7,087,872 + final_norm's 1,536 + the head's 1,538).
    """
    raise NotImplementedError("ex6_4: freeze, replace the head, unfreeze, count")
